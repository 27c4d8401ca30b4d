//! The set of event ids already taken: exact, with memory that grows by about two bytes per
//! id instead of the 17–34 of a hash table.
//!
//! Ids are 128-bit digests, uniformly spread. The most recent ones are kept in a hash table
//! of fixed capacity; when it is full they are sorted and written to disk as a sorted run,
//! merged with the smaller runs already there so that the runs stay few (a binary counter:
//! each run is larger than all later ones together). Memory keeps, besides the table, each
//! run's index (the first id of every 4 KB block) and one Bloom filter over everything on
//! disk. A new id, the common case, is answered from memory; the disk is read (one 4 KB
//! block per run) only when the filter says "maybe": about 1% of new ids, plus the true
//! repeats.
//!
//! Exact: the filter only decides whether the disk is read, never the answer.
//!
//! What it costs, with the default capacity and `n` ids on disk:
//! - fixed: the table, 917,504 ids in 17 MB, allocated once and never resized, plus a 15 MB
//!   sorted copy while it is written out, and half a megabyte of buffers per run being
//!   merged;
//! - still growing with `n`: the Bloom filter, 10 bits per id when full and rebuilt twice as
//!   large then, so 1.25–2.5 bytes per id (13–25 MB at 10 million ids); the run indexes,
//!   0.06 bytes per id (0.6 MB at 10 million);
//! - disk: 16 bytes per id in anonymous files of the temporary folder (`TMPDIR`), twice that
//!   during a merge of all runs; the system removes them however the run ends. Where that
//!   folder is a tmpfs, this "disk" is memory too, though not the process's;
//! - time: each id is rewritten about log2(n / capacity) times, by sequential merges; a
//!   filter positive costs one read per run, and there are at most log2(n / capacity) + 1.
//!   Those reads are cheap while the files stay in the page cache; on a machine whose memory
//!   cannot hold them, each becomes a disk seek.
//!
//! Values that are not uniform digests stay exact but can be slow: the table and the filter
//! use their bits as they are.

use std::collections::HashSet;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Ids kept in memory by default: the standard hash table fills to 7/8 of its buckets, so
/// this is exactly 2^20 buckets (17 MB) that never grow.
pub const DEFAULT_CAPACITY: usize = (1 << 20) / 8 * 7;

const ID_BYTES: usize = 16;
/// What one lookup reads from a run: 256 ids.
const BLOCK_BYTES: usize = 4096;
const PER_BLOCK: usize = BLOCK_BYTES / ID_BYTES;
/// Buffer of each file a merge reads or writes.
const CHUNK_BYTES: usize = 256 * 1024;
/// About 1% false positives at the filter's capacity.
const BITS_PER_ID: u64 = 10;

pub struct IdSet {
    recent: HashSet<u128, BuildHasherDefault<DigestHasher>>,
    capacity: usize,
    /// Sorted runs on disk, each larger than all later ones together.
    runs: Vec<Run>,
    /// Over every id in `runs`; empty (answering "maybe" to all) until the first spill and
    /// while a rebuild is under way or failed.
    filter: Bloom,
    dir: PathBuf,
    /// The scratch files as errors name them.
    label: String,
}

impl Default for IdSet {
    fn default() -> Self {
        Self::new()
    }
}

impl IdSet {
    pub fn new() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }

    /// At most `capacity` ids in memory, scratch files in the system's temporary folder.
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_capacity_in(capacity, std::env::temp_dir())
    }

    /// Scratch files in `dir`, created only when the first `capacity` ids are exceeded.
    pub fn with_capacity_in(capacity: usize, dir: impl Into<PathBuf>) -> Self {
        let capacity = capacity.max(1);
        let dir = dir.into();
        IdSet {
            recent: HashSet::with_capacity_and_hasher(capacity, Default::default()),
            capacity,
            runs: Vec::new(),
            filter: Bloom::default(),
            label: format!("a scratch file for event ids in {}", dir.display()),
            dir,
        }
    }

    pub fn contains(&self, id: u128) -> Result<bool, Error> {
        if self.recent.contains(&id) {
            return Ok(true);
        }
        if self.runs.is_empty() || !self.filter.may_contain(id) {
            return Ok(false);
        }
        let mut block = [0u8; BLOCK_BYTES];
        // Smallest runs first: they hold the most recent ids, which repeats tend to repeat.
        for run in self.runs.iter().rev() {
            if run
                .contains(id, &mut block)
                .map_err(Error::io("read", &self.label))?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Add `id`. Adding one already there is harmless (merges keep one copy), but costs a
    /// little disk until its copies meet in a merge.
    pub fn insert(&mut self, id: u128) -> Result<(), Error> {
        self.recent.insert(id);
        if self.recent.len() >= self.capacity {
            self.spill()?;
        }
        Ok(())
    }

    /// Ids on disk, counting an id inserted again after it was written once per copy.
    fn on_disk(&self) -> u64 {
        self.runs.iter().map(|r| r.len).sum()
    }

    /// Write the table out as a run, merged with the smaller runs. On failure the set is
    /// left as it was (still exact), save for a filter that may have become "maybe" to all.
    fn spill(&mut self) -> Result<(), Error> {
        let mut block: Vec<u128> = self.recent.iter().copied().collect();
        block.sort_unstable();
        let mut first = self.runs.len();
        let mut merged = block.len() as u64;
        while first > 0 && self.runs[first - 1].len <= merged {
            first -= 1;
            merged += self.runs[first].len;
        }
        // A full filter is rebuilt from a merge of everything: that merge reads every id in
        // order anyway, and with a doubling capacity it mostly falls when the binary counter
        // would merge everything regardless.
        if self.on_disk() + block.len() as u64 > self.filter.capacity {
            first = 0;
        }
        let out = RunWriter::create(&self.dir).map_err(Error::io("create", &self.label))?;
        let mut filter = (first == 0).then(|| {
            let total = block.len() as u64 + self.on_disk();
            // Free the old filter before the new one is allocated.
            self.filter = Bloom::default();
            Bloom::with_capacity(2 * total)
        });
        let run = merge(
            &block,
            &self.runs[first..],
            out,
            filter.as_mut(),
            &self.label,
        )?;
        self.runs.truncate(first);
        self.runs.push(run);
        match filter {
            Some(f) => self.filter = f,
            None => block.iter().for_each(|&id| self.filter.insert(id)),
        }
        self.recent.clear();
        Ok(())
    }
}

/// Merge the sorted `block` and `runs` into `out`, one copy of each id, adding each to
/// `filter` if given.
fn merge(
    block: &[u128],
    runs: &[Run],
    mut out: RunWriter,
    mut filter: Option<&mut Bloom>,
    label: &str,
) -> Result<Run, Error> {
    let read = |e| Error::io("read", label)(e);
    let write = |e| Error::io("write", label)(e);
    let mut readers: Vec<RunReader> = runs.iter().map(RunReader::new).collect();
    let mut heads = Vec::with_capacity(readers.len());
    for r in &mut readers {
        heads.push(r.next().map_err(read)?);
    }
    let mut block = block.iter().copied();
    let mut block_head = block.next();
    let mut last = None;
    loop {
        // A linear scan: there are at most a few dozen sources.
        let (mut min, mut from) = (block_head, None);
        for (i, head) in heads.iter().enumerate() {
            if let Some(h) = *head {
                if min.is_none_or(|m| h < m) {
                    (min, from) = (Some(h), Some(i));
                }
            }
        }
        let Some(id) = min else { break };
        match from {
            None => block_head = block.next(),
            Some(i) => heads[i] = readers[i].next().map_err(read)?,
        }
        if last != Some(id) {
            out.push(id).map_err(write)?;
            if let Some(f) = filter.as_deref_mut() {
                f.insert(id);
            }
            last = Some(id);
        }
    }
    out.finish().map_err(write)
}

/// Sorted distinct ids in an anonymous file, little-endian, with the first id of every
/// block kept in memory.
struct Run {
    file: File,
    len: u64,
    fences: Vec<u128>,
}

impl Run {
    /// One read of the only block that can hold `id`.
    fn contains(&self, id: u128, block: &mut [u8; BLOCK_BYTES]) -> io::Result<bool> {
        let Some(b) = self.fences.partition_point(|&f| f <= id).checked_sub(1) else {
            return Ok(false);
        };
        let start = (b * PER_BLOCK) as u64;
        let n = (self.len - start).min(PER_BLOCK as u64) as usize;
        let bytes = &mut block[..n * ID_BYTES];
        read_at(&self.file, bytes, start * ID_BYTES as u64)?;
        let (ids, _) = bytes.as_chunks::<ID_BYTES>();
        Ok(ids
            .binary_search_by(|c| u128::from_le_bytes(*c).cmp(&id))
            .is_ok())
    }
}

struct RunWriter {
    out: BufWriter<File>,
    len: u64,
    fences: Vec<u128>,
}

impl RunWriter {
    fn create(dir: &Path) -> io::Result<Self> {
        let file = tempfile::tempfile_in(dir)?;
        Ok(RunWriter {
            out: BufWriter::with_capacity(CHUNK_BYTES, file),
            len: 0,
            fences: Vec::new(),
        })
    }

    /// Ids must come in increasing order.
    fn push(&mut self, id: u128) -> io::Result<()> {
        if self.len.is_multiple_of(PER_BLOCK as u64) {
            self.fences.push(id);
        }
        self.out.write_all(&id.to_le_bytes())?;
        self.len += 1;
        Ok(())
    }

    fn finish(self) -> io::Result<Run> {
        // No sync: the data is read back by this process only, through the page cache.
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        Ok(Run {
            file,
            len: self.len,
            fences: self.fences,
        })
    }
}

/// A run's ids in order, read a chunk at a time.
struct RunReader<'a> {
    run: &'a Run,
    /// Bytes of the file read so far.
    offset: u64,
    bytes: Vec<u8>,
    ids: Vec<u128>,
    next: usize,
}

impl<'a> RunReader<'a> {
    fn new(run: &'a Run) -> Self {
        RunReader {
            run,
            offset: 0,
            bytes: Vec::new(),
            ids: Vec::new(),
            next: 0,
        }
    }

    fn next(&mut self) -> io::Result<Option<u128>> {
        if self.next == self.ids.len() {
            let left = self.run.len * ID_BYTES as u64 - self.offset;
            if left == 0 {
                return Ok(None);
            }
            let n = left.min(CHUNK_BYTES as u64) as usize;
            self.bytes.resize(n, 0);
            read_at(&self.run.file, &mut self.bytes, self.offset)?;
            self.offset += n as u64;
            self.ids.clear();
            let (chunks, _) = self.bytes.as_chunks::<ID_BYTES>();
            self.ids
                .extend(chunks.iter().map(|c| u128::from_le_bytes(*c)));
            self.next = 0;
        }
        self.next += 1;
        Ok(Some(self.ids[self.next - 1]))
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// One cache line of the filter.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Line([u64; 8]);

/// A split-block Bloom filter: an id sets one bit in each word of one cache line, so a
/// lookup is one memory access. Hand-written rather than taken from a crate because the ids
/// are uniform already (no hashing) and the line is chosen by the id's top bits, so ids
/// inserted in sorted order, as merges produce them, sweep the filter once.
#[derive(Default)]
struct Bloom {
    lines: Vec<Line>,
    /// Ids it holds at about 1% false positives.
    capacity: u64,
}

impl Bloom {
    fn with_capacity(ids: u64) -> Self {
        let lines = (ids * BITS_PER_ID).div_ceil(512).max(1);
        Bloom {
            lines: vec![Line::default(); lines as usize],
            capacity: ids,
        }
    }

    fn line(&self, id: u128) -> usize {
        // The top 64 bits scaled to the number of lines: monotonic in the id.
        (((id >> 64) * self.lines.len() as u128) >> 64) as usize
    }

    fn insert(&mut self, id: u128) {
        let i = self.line(id);
        let mut bits = id as u64;
        for word in &mut self.lines[i].0 {
            *word |= 1 << (bits & 63);
            bits >>= 6;
        }
    }

    fn may_contain(&self, id: u128) -> bool {
        if self.lines.is_empty() {
            return true;
        }
        let mut bits = id as u64;
        self.lines[self.line(id)].0.iter().all(|word| {
            let set = word >> (bits & 63) & 1 == 1;
            bits >>= 6;
            set
        })
    }
}

/// The digests are uniformly distributed already: hashing them again is wasted work.
#[derive(Default)]
struct DigestHasher(u64);

impl Hasher for DigestHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 ^= u64::from_le_bytes(word);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn digest(k: u64) -> u128 {
        super::super::id_digest(&format!("id-{k}"))
    }

    /// Run `ops` (insert or only look up) on `set` and on a `HashSet`, comparing every
    /// answer, then check the set's own invariants.
    fn same_as_reference(set: &mut IdSet, ops: impl IntoIterator<Item = (bool, u128)>) {
        let mut reference = std::collections::HashSet::new();
        for (insert, id) in ops {
            let found = set.contains(id).unwrap();
            assert_eq!(found, reference.contains(&id), "contains({id:#x})");
            if insert {
                set.insert(id).unwrap();
                reference.insert(id);
            }
        }
        let mut stored: std::collections::HashSet<u128> = set.recent.iter().copied().collect();
        for run in &set.runs {
            let ids = contents(run);
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "a run is sorted");
            assert_eq!(ids.len() as u64, run.len);
            stored.extend(ids);
        }
        assert_eq!(stored, reference, "what is stored is what was inserted");
        for &id in &reference {
            assert!(set.contains(id).unwrap());
        }
    }

    fn contents(run: &Run) -> Vec<u128> {
        let mut reader = RunReader::new(run);
        let mut ids = Vec::new();
        while let Some(id) = reader.next().unwrap() {
            ids.push(id);
        }
        ids
    }

    #[test]
    fn answers_like_a_hash_set_across_many_spills() {
        let mut set = IdSet::with_capacity(37);
        let table = set.recent.capacity();
        // 12,000 keys, two in three inserted, each met about 2.5 times in a scrambled order.
        let ops = (0..30_000u64).map(|i| {
            let k = i.wrapping_mul(2_654_435_761) % 12_000;
            (k % 3 != 0, digest(k))
        });
        same_as_reference(&mut set, ops);
        let spills = set.on_disk() / 37;
        assert!(spills > 200, "{spills} spills");
        assert!(set.runs.len() as u64 <= spills.ilog2() as u64 + 1);
        assert!(set.runs.windows(2).all(|w| w[0].len > w[1].len));
        assert_eq!(set.recent.capacity(), table, "the table never grew");
    }

    #[test]
    fn values_that_are_not_digests_stay_exact() {
        // Same top bits: one filter line, saturated, so every miss reads the disk. Same low
        // bits: the same filter bits and table bucket. And the extremes.
        let families: [fn(u64) -> u128; 4] = [
            |k| k as u128,
            |k| (k as u128) << 64,
            |k| u128::MAX - k as u128,
            |k| (k as u128) << 120 | 7,
        ];
        for family in families {
            let mut set = IdSet::with_capacity(50);
            let ops = (0..3_000u64).map(|i| {
                let k = (i * 7) % 1_000;
                (k % 4 != 1, family(k))
            });
            same_as_reference(&mut set, ops);
            assert!(set.runs.len() > 1);
        }
    }

    #[test]
    fn an_id_written_to_disk_is_still_found() {
        let mut set = IdSet::with_capacity(10);
        set.insert(digest(0)).unwrap();
        for k in 1..10 {
            assert!(!set.contains(digest(k)).unwrap());
            set.insert(digest(k)).unwrap();
        }
        assert!(set.recent.is_empty(), "the tenth id spilled the table");
        assert!(set.contains(digest(0)).unwrap(), "found on disk");
        assert!(!set.contains(digest(10)).unwrap());
        // Inserted again while on disk: one copy once the two meet in a merge.
        set.insert(digest(0)).unwrap();
        for k in 10..19 {
            set.insert(digest(k)).unwrap();
        }
        assert_eq!(set.runs.len(), 1);
        assert_eq!(set.on_disk(), 19);
        assert!((0..19).all(|k| set.contains(digest(k)).unwrap()));
        assert!((19..1_000).all(|k| !set.contains(digest(k)).unwrap()));
    }

    #[test]
    fn a_run_finds_every_id_and_nothing_else() {
        // 1,000 ids over four blocks, the last one partial; every first and last of a block.
        let mut ids: Vec<u128> = (0..1_000).map(|k| digest(k) | 1).collect();
        ids.sort_unstable();
        let mut out = RunWriter::create(&std::env::temp_dir()).unwrap();
        ids.iter().for_each(|&id| out.push(id).unwrap());
        let run = out.finish().unwrap();
        assert_eq!(run.fences.len(), 4);
        assert_eq!(contents(&run), ids);
        let mut block = [0u8; BLOCK_BYTES];
        for &id in &ids {
            assert!(run.contains(id, &mut block).unwrap());
            assert!(!run.contains(id - 1, &mut block).unwrap());
            assert!(!run.contains(id + 1, &mut block).unwrap());
        }
        assert!(!run.contains(0, &mut block).unwrap());
        assert!(!run.contains(u128::MAX, &mut block).unwrap());
    }

    #[test]
    fn the_filter_has_about_one_percent_false_positives_when_full() {
        let n = 100_000;
        let mut filter = Bloom::with_capacity(n);
        (0..n).for_each(|k| filter.insert(digest(k)));
        assert!((0..n).all(|k| filter.may_contain(digest(k))));
        let false_positives = (n..2 * n)
            .filter(|&k| filter.may_contain(digest(k)))
            .count();
        let rate = false_positives as f64 / n as f64;
        assert!((0.002..0.02).contains(&rate), "{rate}");
    }

    #[test]
    fn scratch_file_errors_are_values_and_leave_the_set_exact() {
        let tmp = tempfile::tempdir().unwrap();
        let mut set = IdSet::with_capacity_in(4, tmp.path().join("missing"));
        for k in 0..3 {
            set.insert(digest(k)).unwrap();
        }
        match set.insert(digest(3)) {
            Err(Error::Io { action, path, .. }) => {
                assert_eq!(action, "create");
                assert!(path.contains("missing"), "{path}");
            }
            other => panic!("expected an I/O error, got {other:?}"),
        }
        assert!((0..4).all(|k| set.contains(digest(k)).unwrap()));
        assert!(!set.contains(digest(4)).unwrap());
    }

    proptest! {
        #[test]
        fn any_sequence_answers_like_a_hash_set(
            capacity in 1usize..24,
            family in 0usize..4,
            ops in proptest::collection::vec((any::<bool>(), 0u64..300), 0..400),
        ) {
            let value = |k: u64| match family {
                0 => digest(k),
                1 => k as u128,
                2 => (k as u128) << 64,
                _ => u128::MAX - (k as u128) * 3,
            };
            let mut set = IdSet::with_capacity(capacity);
            same_as_reference(&mut set, ops.into_iter().map(|(insert, k)| (insert, value(k))));
        }
    }
}
