//! `eventc completions SHELL` and `eventc man`: shell completions and a man page, made from the
//! command-line definitions, printed on stdout.

use std::io::Write;

use clap::Args;
use clap_complete::Shell;

use crate::error::{stdout_error, Error};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

/// Completions for `cli`, the whole command line.
pub fn completions(args: &CompletionsArgs, mut cli: clap::Command) -> Result<i32, Error> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "eventc", &mut out);
    std::io::stdout().write_all(&out).map_err(stdout_error)?;
    Ok(0)
}

/// The man page of `cli`, in roff: `eventc man > eventc.1`.
pub fn man(cli: clap::Command) -> Result<i32, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cli)
        .render(&mut out)
        .map_err(stdout_error)?;
    std::io::stdout().write_all(&out).map_err(stdout_error)?;
    Ok(0)
}
