//! Bytes to text: byte-order marks, UTF-8, UTF-16, and detected legacy
//! encodings.
//!
//! Order of decisions, most certain first:
//! 1. a byte-order mark (UTF-8, UTF-16 LE/BE) decides;
//! 2. a pattern of NUL bytes in every other position is BOM-less UTF-16;
//! 3. bytes that are valid UTF-8 are UTF-8 (mojibake *inside* valid UTF-8 is
//!    repair's job, not decoding's);
//! 4. other NUL bytes, or many control bytes, mean a binary file: refused;
//! 5. otherwise `chardetng` guesses the legacy encoding (Windows-1252,
//!    Windows-1251, GBK/GB18030, Shift_JIS, …) and `encoding_rs` decodes.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark.
    pub text: String,
    /// Name of the encoding it was decoded from.
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and became U+FFFD.
    pub lossy: bool,
}

/// Why bytes could not be made text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input looks like a binary file (an image, an archive, a PDF).
    #[error("looks like a binary file, not text ({0})")]
    Binary(String),
}

/// Decodes owned bytes; valid UTF-8 becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if Encoding::for_bom(&bytes).is_some() || bomless_utf16(&bytes).is_some() {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            check_not_binary(&text)?;
            Ok(Decoded { text, encoding: UTF_8.name(), lossy: false })
        }
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decodes `bytes` to text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom_len..]));
    }
    // Before UTF-8: ASCII text in UTF-16 is also valid UTF-8, full of NULs.
    if let Some(encoding) = bomless_utf16(bytes) {
        let decoded = decode_with(encoding, bytes);
        check_not_binary(&decoded.text)?;
        return Ok(decoded);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_not_binary(text)?;
        return Ok(Decoded { text: text.to_owned(), encoding: UTF_8.name(), lossy: false });
    }
    if let Some(at) = memchr_nul(bytes) {
        return Err(DecodeError::Binary(format!("NUL byte at offset {at}")));
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(DecodeError::Binary(kind.to_owned()));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let decoded = decode_with(encoding, bytes);
    check_not_binary(&decoded.text)?;
    Ok(decoded)
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, lossy) = encoding.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: encoding.name(), lossy }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// UTF-16 without a byte-order mark shows as a NUL in every other byte for
/// Latin-script text. Requires most of the sampled pairs to agree.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= pairs * 6 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 6 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Magic numbers of common binary formats that can be valid in a legacy
/// single-byte encoding.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\x7fELF", "an executable"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
        (b"SQLite format 3", "an SQLite database"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, kind)| *kind)
}

/// Refuses text that is mostly control characters.
fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    if let Some(at) = text.find('\0') {
        return Err(DecodeError::Binary(format!("NUL character at byte {at}")));
    }
    // Bytes suffice: a C0 control or DEL is one byte in UTF-8.
    let sample = &text.as_bytes()[..text.len().min(8192)];
    let seen = sample.len();
    let controls =
        sample.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f).count();
    if seen > 0 && controls * 10 > seen {
        return Err(DecodeError::Binary(format!("{controls} control characters in the first {seen} characters")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Ереван, 10 ноября".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Ереван, 10 ноября", "UTF-8"));
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice("Baku".as_bytes());
        assert_eq!(decode(&bom).unwrap().text, "Baku");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let text = "Ceasefire from 12:00 local time";
        let mut le: Vec<u8> = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap().text, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let cases = [
            (encoding_rs::WINDOWS_1251, "Министерство обороны Армении заявило, что перемирие нарушено ночью."),
            (encoding_rs::WINDOWS_1252, "Le ministère a déclaré que le cessez-le-feu était respecté à Bakou."),
            (encoding_rs::GBK, "俄罗斯外交部发表声明，呼吁双方遵守停火协议。"),
            (encoding_rs::SHIFT_JIS, "外務省は停戦合意を歓迎するとの談話を発表した。"),
        ];
        for (encoding, text) in cases {
            let (bytes, _, _) = encoding.encode(text);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text, "decoded as {}", d.encoding);
        }
    }

    #[test]
    fn binary_input_is_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
        assert!(decode(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n").is_err());
        assert!(decode(&[1u8, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]).is_err());
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
