//! Normalization, one module per concern: each turns what a coder wrote into a typed value,
//! or says precisely why it cannot.

pub mod actors;
pub mod dates;
pub mod evidence;
