//! Writing files, below everything that has something to write: the one CSV writer
//! ([`CsvTable`], with the byte-order mark and the guard against CSV injection every CSV a
//! user opens gets), and the atomic writes ([`write_atomically`], [`write_unit`]) under an
//! [`OutputLock`]. Nothing here knows what a plan or a scenario is.

mod atomic;
mod csv;
mod digest;
mod escape;
mod journal;
mod lock;
mod names;

pub use atomic::{write_atomically, write_unit};
pub use csv::{with_bom, CsvStyle, CsvTable, LineEnd, BOM};
pub use digest::sha256_hex;
pub use escape::escape_cell;
pub use journal::{settled, CommitLock};
pub use lock::OutputLock;
pub use names::{folder_of, LOCK_FILE};
