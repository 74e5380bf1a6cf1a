//! Write tokens: who may change the record.
//!
//! A tokens file has one `NAME TOKEN` pair a line (`#` starts a comment);
//! the name is what the audit log records. With no file, `truce serve`
//! makes one token for the session and prints it, so a local user can
//! review at once and nobody else on the network can write.

use anyhow::Context;
use std::path::Path;

/// The tokens allowed to write, with their owners' names.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pairs: Vec<(String, String)>,
}

impl Tokens {
    /// Reads a tokens file.
    pub fn load(path: &Path) -> anyhow::Result<Tokens> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading the tokens file {}", path.display()))?;
        Tokens::parse(&text).map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))
    }

    /// Parses `NAME TOKEN` lines.
    pub fn parse(text: &str) -> Result<Tokens, String> {
        let mut pairs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            match fields.as_slice() {
                [name, token] if token.len() >= 16 => pairs.push(((*name).to_owned(), (*token).to_owned())),
                [_, _] => return Err(format!("{}: a token needs at least 16 characters", i + 1)),
                _ => return Err(format!("{}: expected `NAME TOKEN`", i + 1)),
            }
        }
        Ok(Tokens { pairs })
    }

    /// One token for `name`, made from the system's random source.
    pub fn generate(name: &str) -> anyhow::Result<(Tokens, String)> {
        use std::io::Read;
        let mut bytes = [0u8; 16];
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .context("reading /dev/urandom for a write token (give --tokens FILE instead)")?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok((Tokens { pairs: vec![(name.to_owned(), token.clone())] }, token))
    }

    /// The owner of `token`, if it may write. Every token is compared in
    /// full, so the time taken does not tell how much of one matched.
    pub fn who(&self, token: &str) -> Option<&str> {
        let mut found = None;
        for (name, known) in &self.pairs {
            let same = known.len() == token.len()
                && known.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
            if same {
                found = Some(name.as_str());
            }
        }
        found
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_name_their_owner_and_short_ones_are_refused() {
        let t =
            Tokens::parse("# analysts\nana 0123456789abcdef0123\nben fedcba9876543210fedc # night shift\n").unwrap();
        assert_eq!(t.who("fedcba9876543210fedc"), Some("ben"));
        assert_eq!(t.who("fedcba9876543210fedd"), None);
        assert_eq!(t.who(""), None);
        assert!(Tokens::parse("ana short").unwrap_err().contains("16 characters"));
        assert!(Tokens::parse("ana").is_err());
        let (g, token) = Tokens::generate("local").unwrap();
        assert_eq!((g.who(&token), token.len()), (Some("local"), 32));
    }
}
