//! An external sort: items are kept in memory up to a byte budget, then sorted and written to
//! an anonymous file of the temporary folder as a sorted run; at the end the runs are merged.
//! What stays in memory is the budget plus a read buffer per run, whatever the number of items.
//!
//! Used where a check needs records grouped by something other than input order (duplicate
//! events, the one-a-day filter's counts); items order themselves totally (ties broken by their
//! input position), so the sorted order is the same on every run.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use crate::error::Error;

/// Memory a sorter holds before it writes a run.
pub const DEFAULT_BUDGET: usize = 32 << 20;
/// Runs merged at once; more are first merged in groups, so that open files stay few.
const FAN_IN: usize = 64;
const BUFFER: usize = 64 * 1024;

/// An item that can go to disk and come back.
pub trait Spill: Ord + Sized {
    fn encode(&self, out: &mut Vec<u8>);
    /// `None` when the bytes are not an item this type wrote.
    fn decode(bytes: &mut Bytes) -> Option<Self>;
    /// Memory the item owns beyond its own size (its strings).
    fn heap_bytes(&self) -> usize {
        0
    }
}

pub struct Sorter<T> {
    items: Vec<T>,
    bytes: usize,
    budget: usize,
    runs: Vec<File>,
    dir: PathBuf,
    label: &'static str,
}

impl<T: Spill> Sorter<T> {
    /// `label` names the scratch files in errors.
    pub fn new(budget: usize, label: &'static str) -> Self {
        Self::new_in(budget, std::env::temp_dir(), label)
    }

    pub fn new_in(budget: usize, dir: PathBuf, label: &'static str) -> Self {
        Sorter {
            items: Vec::new(),
            bytes: 0,
            budget: budget.max(1),
            runs: Vec::new(),
            dir,
            label,
        }
    }

    pub fn push(&mut self, item: T) -> Result<(), Error> {
        self.bytes += std::mem::size_of::<T>() + item.heap_bytes();
        self.items.push(item);
        if self.bytes >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> Result<(), Error> {
        self.items.sort_unstable();
        let items = std::mem::take(&mut self.items);
        let run = write_run(&self.dir, items.into_iter().map(Ok)).map_err(self.io("write"))?;
        self.runs.push(run);
        self.bytes = 0;
        Ok(())
    }

    fn io(&self, action: &'static str) -> impl Fn(io::Error) -> Error + '_ {
        move |e| Error::io(action, format!("{} in {}", self.label, self.dir.display()))(e)
    }

    /// Every item pushed, in order.
    pub fn sorted(mut self) -> Result<Sorted<T>, Error> {
        if self.runs.is_empty() {
            self.items.sort_unstable();
            return Ok(Sorted::Memory(std::mem::take(&mut self.items).into_iter()));
        }
        if !self.items.is_empty() {
            self.spill()?;
        }
        while self.runs.len() > FAN_IN {
            let group: Vec<File> = self.runs.drain(..FAN_IN).collect();
            let merged = Merge::<T>::new(group).map_err(self.io("read"))?;
            let run = write_run(&self.dir, merged).map_err(self.io("write"))?;
            self.runs.push(run);
        }
        let label = format!("{} in {}", self.label, self.dir.display());
        let merge =
            Merge::new(std::mem::take(&mut self.runs)).map_err(Error::io("read", &label))?;
        Ok(Sorted::Disk(merge, label))
    }
}

fn write_run<T: Spill>(
    dir: &std::path::Path,
    items: impl Iterator<Item = io::Result<T>>,
) -> io::Result<File> {
    let mut out = BufWriter::with_capacity(BUFFER, tempfile::tempfile_in(dir)?);
    let mut buf = Vec::new();
    for item in items {
        buf.clear();
        item?.encode(&mut buf);
        out.write_all(&(buf.len() as u32).to_le_bytes())?;
        out.write_all(&buf)?;
    }
    let mut file = out.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// The items of a sorter, in order.
pub enum Sorted<T> {
    Memory(std::vec::IntoIter<T>),
    Disk(Merge<T>, String),
}

impl<T: Spill> Iterator for Sorted<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Sorted::Memory(items) => items.next().map(Ok),
            Sorted::Disk(merge, label) => merge
                .next()
                .map(|r| r.map_err(|e| Error::io("read", label.as_str())(e))),
        }
    }
}

/// A k-way merge of sorted runs.
pub struct Merge<T> {
    readers: Vec<BufReader<File>>,
    heap: BinaryHeap<Reverse<(T, usize)>>,
    buf: Vec<u8>,
}

impl<T: Spill> Merge<T> {
    fn new(runs: Vec<File>) -> io::Result<Self> {
        let mut merge = Merge {
            readers: runs
                .into_iter()
                .map(|f| BufReader::with_capacity(BUFFER, f))
                .collect(),
            heap: BinaryHeap::new(),
            buf: Vec::new(),
        };
        for i in 0..merge.readers.len() {
            merge.refill(i)?;
        }
        Ok(merge)
    }

    fn refill(&mut self, i: usize) -> io::Result<()> {
        let mut len = [0u8; 4];
        match self.readers[i].read_exact(&mut len) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        self.buf.resize(u32::from_le_bytes(len) as usize, 0);
        self.readers[i].read_exact(&mut self.buf)?;
        let item = T::decode(&mut Bytes(&self.buf))
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a damaged scratch file"))?;
        self.heap.push(Reverse((item, i)));
        Ok(())
    }
}

impl<T: Spill> Iterator for Merge<T> {
    type Item = io::Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((item, i)) = self.heap.pop()?;
        Some(self.refill(i).map(|()| item))
    }
}

/// The bytes of one item, read front to back.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    pub fn i32(&mut self) -> Option<i32> {
        self.take().map(i32::from_le_bytes)
    }

    pub fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    pub fn i64(&mut self) -> Option<i64> {
        self.take().map(i64::from_le_bytes)
    }

    pub fn u128(&mut self) -> Option<u128> {
        self.take().map(u128::from_le_bytes)
    }

    pub fn str(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        if self.0.len() < len {
            return None;
        }
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8(s.to_vec()).ok()
    }
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
    struct Item(u64, String);

    impl Spill for Item {
        fn encode(&self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.0.to_le_bytes());
            put_str(out, &self.1);
        }
        fn decode(b: &mut Bytes) -> Option<Self> {
            Some(Item(b.u64()?, b.str()?))
        }
        fn heap_bytes(&self) -> usize {
            self.1.len()
        }
    }

    fn items(n: u64) -> impl Iterator<Item = Item> {
        (0..n).map(|i| Item(i.wrapping_mul(2_654_435_761) % 997, format!("é{i}")))
    }

    #[test]
    fn sorts_in_memory_and_across_many_runs_alike() {
        let mut want: Vec<Item> = items(5_000).collect();
        want.sort();
        // One run; about 40 items a run (more runs than are merged at once); one item a run.
        for budget in [usize::MAX, 2_000, 1] {
            let mut sorter = Sorter::new(budget, "a test file");
            items(5_000).for_each(|i| sorter.push(i).unwrap());
            let got: Vec<Item> = sorter.sorted().unwrap().map(Result::unwrap).collect();
            assert_eq!(got, want, "budget {budget}");
        }
    }

    #[test]
    fn a_folder_that_cannot_hold_runs_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let mut sorter = Sorter::new_in(1, tmp.path().join("missing"), "a test file");
        let err = sorter.push(Item(1, "x".into())).unwrap_err();
        assert!(err.to_string().contains("missing"), "{err}");
    }
}
