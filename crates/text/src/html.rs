//! HTML pages to article text, with `dom_smoothie` (a port of Mozilla's
//! Readability): the article's title and paragraphs are kept; scripts,
//! navigation, share buttons and other page furniture are dropped.
//!
//! The document's *original* text is the article text extracted here; the
//! page's markup is not kept, so offsets refer to that text.

use dom_smoothie::{Config, Readability, TextMode};

/// An article taken from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The page's headline, if it has one.
    pub title: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// Publication time from the page's metadata, if any.
    pub published: Option<String>,
    /// Language declared by the page, if any.
    pub language: Option<String>,
}

/// Extracts the article from `html`. Pages where Readability finds no
/// article (very short pages, bare fragments) fall back to all visible text.
pub fn extract(html: &str) -> Article {
    let cfg = Config { text_mode: TextMode::Formatted, max_elements_to_parse: 200_000, ..Default::default() };
    if let Ok(mut reader) = Readability::new(html, None, Some(cfg))
        && let Ok(article) = reader.parse()
    {
        let text = tidy(&article.text_content);
        if !text.trim().is_empty() {
            return Article {
                title: Some(article.title.trim().to_owned()).filter(|t| !t.is_empty()),
                text,
                published: article.published_time,
                language: article.lang,
            };
        }
    }
    Article { title: None, text: visible_text(html), published: None, language: None }
}

/// Paragraphs one blank line apart, without stray indentation.
fn tidy(text: &str) -> String {
    let paragraphs: Vec<&str> = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect();
    paragraphs.join("\n\n")
}

/// All text outside tags, scripts and styles, one block element a paragraph.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<') else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..i + lt]);
        let tag_start = i + lt;
        let Some(gt) = html[tag_start..].find('>') else { break };
        let tag = &lower[tag_start + 1..tag_start + gt];
        i = tag_start + gt + 1;
        for skipped in ["script", "style", "noscript"] {
            if tag.starts_with(skipped)
                && let Some(close) = lower[i..].find(&format!("</{skipped}"))
            {
                i += close;
            }
        }
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        if matches!(name, "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "title") {
            out.push('\n');
        }
    }
    tidy(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_is_kept_and_furniture_dropped() {
        let body = "The two sides agreed to a ceasefire that took effect at noon local time, the foreign ministry said in a statement on Saturday. ".repeat(4);
        let html = format!(
            "<html><head><title>Truce agreed | Example News</title><script>var x = 1;</script></head>\
             <body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>\
             <article><h1>Truce agreed</h1><p>{body}</p><p>Monitors will report on Monday.</p></article>\
             <footer>Copyright Example News</footer></body></html>"
        );
        let a = extract(&html);
        assert!(a.text.contains("The two sides agreed"), "{a:?}");
        assert!(a.text.contains("Monitors will report"));
        assert!(!a.text.contains("var x"));
        assert!(!a.text.contains("Copyright"));
        assert!(a.title.unwrap().contains("Truce agreed"));
    }

    #[test]
    fn a_fragment_still_gives_its_text() {
        let a = extract("<p>Short note.</p><p>Second line.</p>");
        assert!(a.text.contains("Short note."));
        assert!(a.text.contains("Second line."));
    }
}
