//! The SHA-256 of a file's bytes, lowercase hex: how every output names the files it wrote
//! and the inputs it read, in one place.

use sha2::{Digest, Sha256};

/// `bytes`' SHA-256 as 64 lowercase hex digits (as `sha256sum` prints it).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
