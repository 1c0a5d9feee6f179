//! Authors from a byline as pages write it: "By Jane Roe and John Doe",
//! "Keith Barry Senior Autos Reporter", "Posted by jroe · May 1, 2025". An
//! author is a person or an organisation, never a job line ("Staff Writer"), a
//! label ("By", "Author"), a date or a handle ("jroe", "j.roe", "@jroe").

use crate::dates;
use crate::header::after_byline_label;

/// The last word of a job line ("Staff Writer", "Home Security Expert").
const JOB_NOUNS: &[&str] = &[
    "writer",
    "writers",
    "reporter",
    "editor",
    "editors",
    "correspondent",
    "columnist",
    "journalist",
    "producer",
    "contributor",
    "photographer",
    "analyst",
    "expert",
    "specialist",
    "strategist",
    "manager",
    "director",
    "intern",
    "founder",
    "co-founder",
    "ceo",
    "cto",
    "host",
    "critic",
    "researcher",
    "engineer",
    "consultant",
    "officer",
    "president",
    "scientist",
    "professor",
    "dietitian",
    "nutritionist",
    "educator",
    "educators",
    "horticulturalist",
    "representative",
    "coordinator",
];

/// Words that open a job line after a name ("Keith Barry Senior Autos Reporter").
const JOB_OPENERS: &[&str] = &[
    "senior",
    "staff",
    "contributing",
    "associate",
    "managing",
    "executive",
    "chief",
    "deputy",
    "special",
    "freelance",
    "guest",
    "assistant",
    "junior",
    "lead",
    "principal",
    "head",
];

/// A whole author field that names nobody.
const NOBODY: &[&str] = &[
    "author",
    "authors",
    "admin",
    "administrator",
    "editor",
    "staff",
    "guest",
    "anonymous",
    "unknown",
    "written by",
    "posted by",
    "by",
    "the author",
    "updated",
    "published",
    "guest author",
    "team",
    "learn more",
    "read more",
    "view all",
    "more",
];

fn lower_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// A word of a person's name: "Jane", "O'Riordan", "J.", "McDonald", or a
/// particle ("van", "de").
fn name_word(w: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "der", "den", "de", "del", "della", "di", "da", "von", "le", "la", "du", "bin",
        "al", "y", "dos", "das",
    ];
    if PARTICLES.contains(&w) {
        return true;
    }
    let mut cs = w.chars();
    let Some(first) = cs.next() else {
        return false;
    };
    let rest: String = cs.collect();
    first.is_uppercase() && (rest.is_empty() || rest == "." || rest.chars().any(char::is_lowercase))
}

/// Two to five capitalised words: how a person's name looks.
pub(crate) fn person_like(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&ws.len()) && ws.iter().all(|w| name_word(w))
}

/// "MD", "Ph.D.", "DVM", "RN", "E-RYT 200": letters after a name, not a person.
fn credential(s: &str) -> bool {
    let known = matches!(
        s.replace('.', "").to_lowercase().as_str(),
        "phd" | "md" | "jr" | "sr" | "esq" | "mba" | "msc" | "bsc"
    );
    let capitals = s.chars().any(char::is_alphabetic)
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && (!s.contains(' ') || s.chars().any(|c| c.is_ascii_digit()))
        && s.split_whitespace().count() <= 2;
    known || capitals
}

/// A handle rather than a name: one token that is all lower case or carries
/// dots, underscores, digits or an `@`.
fn handle(s: &str) -> bool {
    !s.contains(' ')
        && (s
            .chars()
            .any(|c| matches!(c, '.' | '_' | '@' | '/') || c.is_ascii_digit())
            || !s.chars().any(char::is_uppercase))
}

/// The name in one part of a byline, or `None` for a job line, a label or a
/// handle. `first` is the byline's first part: a job line after a name there
/// is cut ("Keith Barry Senior Autos Reporter"); a later part that is a job
/// line is dropped ("Gene Roe, Home Security Expert").
fn person_of(part: &str, first: bool) -> Option<String> {
    let p = part
        .trim()
        .trim_matches(|c: char| matches!(c, ',' | ':' | ';' | '-'));
    let p = p.trim();
    if p.is_empty() || NOBODY.contains(&p.to_lowercase().as_str()) || handle(p) {
        return None;
    }
    let ws: Vec<&str> = p.split_whitespace().collect();
    // "submitting this form, you agree": words of a sentence, no name
    const FUNCTION_WORDS: &[&str] = &[
        "this", "the", "you", "your", "our", "to", "a", "an", "of", "for", "with", "that", "is",
        "are", "we", "i", "or", "in", "on", "it",
    ];
    if !ws
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && ws
            .iter()
            .any(|w| FUNCTION_WORDS.contains(&lower_word(w).as_str()))
    {
        return None;
    }
    // "5 min read": a reading time
    let lower = p.to_lowercase();
    // "Originally published", "Last updated": a label
    if ws.len() <= 3
        && ws.iter().any(|w| {
            matches!(
                lower_word(w).as_str(),
                "published" | "updated" | "posted" | "originally" | "modified"
            )
        })
    {
        return None;
    }
    if lower.contains("min read") || lower.contains("minute read") || lower.contains("read time") {
        return None;
    }
    let is_job = |w: &str| {
        let l = lower_word(w);
        JOB_NOUNS.contains(&l.as_str()) || JOB_OPENERS.contains(&l.as_str())
    };
    let ends_in_job = ws
        .last()
        .is_some_and(|w| JOB_NOUNS.contains(&lower_word(w).as_str()));
    // a later part with a job word anywhere is its writer's job line: "CEO of
    // CaseBasix", "Sr. Director of Operations", "edited by Walter"
    if !first
        && (ws
            .iter()
            .any(|w| JOB_NOUNS.contains(&lower_word(w).as_str()))
            || ws
                .first()
                .is_some_and(|w| JOB_OPENERS.contains(&lower_word(w).as_str()))
            || lower.contains(" by "))
    {
        return None;
    }
    if ends_in_job {
        if !first {
            return None;
        }
        let cut = ws.iter().position(|w| is_job(w)).unwrap_or(ws.len());
        let name = ws[..cut].join(" ");
        return person_like(&name).then_some(name);
    }
    Some(ws.join(" "))
}

/// Splits on " and " / " & " only between two people: "Center for Drug
/// Evaluation and Research" stays one organisation.
fn split_people(s: &str) -> Vec<&str> {
    for sep in [" and ", " & ", " und ", " et ", " y "] {
        if let Some((a, b)) = s.split_once(sep) {
            if person_like(a.trim()) && (person_like(b.trim()) || b.contains(',')) {
                let mut v = vec![a];
                v.extend(split_people(b));
                return v;
            }
        }
    }
    vec![s]
}

/// Adds the authors a byline names to `out` (no duplicates).
pub fn push_authors(out: &mut Vec<String>, raw: &str) {
    let mut text = String::new();
    crate::html::push_collapsed(&mut text, &crate::html::decode_entities(raw.trim()));
    let mut s = text.trim();
    let lower = s.to_lowercase();
    if [
        "reviewed by",
        "medically reviewed",
        "fact checked",
        "fact-checked",
    ]
    .iter()
    .any(|l| lower.starts_with(l))
    {
        return;
    }
    while let Some(r) = after_byline_label(s) {
        s = r;
    }
    if s.contains("://") || s.starts_with('/') || s.contains('{') {
        return;
    }
    if let Some((_, start, _)) = dates::find(s, None) {
        s = s[..start].trim_end_matches([',', ' ']);
        // "Sat, 20 Dec 2025": the weekday goes with the date
        if let Some(w) = s.rsplit(' ').next().filter(|w| dates::weekday(w)) {
            s = &s[..s.len() - w.len()];
        }
    }
    // a numeric date or time the reader may not read ("3/4/2025", "06:36")
    if let Some(i) = s.split_whitespace().find_map(|w| {
        (w.starts_with(|c: char| c.is_ascii_digit()) && w.contains(['/', '.', ':']))
            .then(|| w.as_ptr() as usize - s.as_ptr() as usize)
    }) {
        s = &s[..i];
    }
    for sep in [" | ", " · ", " • ", " - ", " — ", " – ", "|", "·", "•"] {
        if let Some(i) = s.find(sep) {
            s = &s[..i];
        }
    }
    let mut s = s.trim().trim_end_matches([',', ':', ';']).trim();
    // "Jane Roe on" (before a date); "Audiophile On" is a name
    for tail in [" on", " at", " le", " am", " el", " il"] {
        if s.len() > tail.len() && s.ends_with(tail) {
            s = s[..s.len() - tail.len()].trim_end_matches(',').trim();
        }
    }
    // a sentence of prose is no byline
    if s.is_empty() || s.len() > 120 || s.ends_with('.') && s.split_whitespace().count() > 8 {
        return;
    }
    // "A, B, and C" / "A; B"
    let mut parts: Vec<String> = Vec::new();
    for chunk in s.split([',', ';']) {
        let chunk = chunk.trim();
        let chunk = chunk
            .strip_prefix("and ")
            .or_else(|| chunk.strip_prefix("& "))
            .unwrap_or(chunk);
        if chunk.is_empty() {
            continue;
        }
        match parts.last_mut() {
            // "Jane Roe, MD": the credential stays with its name
            Some(prev) if credential(chunk) => {
                prev.push_str(", ");
                prev.push_str(chunk);
            }
            _ => parts.extend(
                split_people(chunk)
                    .into_iter()
                    .map(|x| x.trim().to_string()),
            ),
        }
    }
    for (i, part) in parts.iter().enumerate() {
        let Some(name) = person_of(part, i == 0) else {
            continue;
        };
        if name.len() > 80 || out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            continue;
        }
        out.push(name);
    }
}

pub(crate) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Is `author` the site itself ("USA TODAY" on usatoday.com, the publisher's
/// name) rather than who wrote the piece?
pub fn is_site(
    author: &str,
    publisher: Option<&str>,
    site: Option<&str>,
    url: Option<&str>,
) -> bool {
    let a = squash(author);
    if a.is_empty() {
        return false;
    }
    if [publisher, site]
        .into_iter()
        .flatten()
        .any(|p| squash(p) == a)
    {
        return true;
    }
    let host = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    host.split('.')
        .filter(|l| !matches!(*l, "www" | "com" | "org" | "net" | "co" | "uk" | "blog"))
        .any(|l| squash(l) == a)
}

/// Does `name` name the host of `url` ("Bridgestone Tires" on
/// tires.bridgestone.com, "DianaHR" on getdianahr.com, "Newegg.com")? One
/// holds the other, four letters at least.
pub fn names_host(name: &str, url: Option<&str>) -> bool {
    let n = squash(name);
    let host = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    n.len() >= 4
        && host
            .split('.')
            .filter(|l| l.len() >= 4 && !matches!(*l, "blog" | "news" | "shop"))
            .map(squash)
            .any(|l| n.contains(&l) || l.contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        push_authors(&mut v, s);
        v
    }

    #[test]
    fn a_name_ending_in_on_keeps_it() {
        assert_eq!(authors("Audiophile On"), ["Audiophile On"]);
        assert_eq!(authors("By Jane Roe on"), ["Jane Roe"]);
        assert_eq!(authors("By Jane Roe on May 1, 2025"), ["Jane Roe"]);
    }

    #[test]
    fn names_not_labels_dates_or_jobs() {
        assert_eq!(
            authors("By Jane Roe and John Doe"),
            ["Jane Roe", "John Doe"]
        );
        assert_eq!(authors("Posted by Damien Walter"), ["Damien Walter"]);
        assert_eq!(
            authors("Keith Barry Senior Autos Reporter"),
            ["Keith Barry"]
        );
        assert_eq!(authors("Rachel MacDonald Writer"), ["Rachel MacDonald"]);
        assert_eq!(
            authors("Gene Petrino, Home Security Expert"),
            ["Gene Petrino"]
        );
        assert!(authors("AP Auto Writer").is_empty());
        assert!(authors("Staff Writer").is_empty());
        assert_eq!(authors("Andrew Gerrand 4 August 2010"), ["Andrew Gerrand"]);
        assert_eq!(authors("Yucy 3/4/2025"), ["Yucy"]);
        assert!(authors("Sat, 20 Dec, 2025 - 06:36").is_empty());
        assert_eq!(
            authors("David Jackson - FullStack Editorial Team"),
            ["David Jackson"]
        );
        assert_eq!(authors("by Amanda · Dec 20, 2025 at 3:00 am"), ["Amanda"]);
        assert_eq!(authors("Text by Hunter Dukes"), ["Hunter Dukes"]);
        assert_eq!(authors("kirstin boatto"), ["kirstin boatto"]);
        assert_eq!(authors("98 Buck Social"), ["98 Buck Social"]);
        for s in [
            "5 min read",
            "planning meals, composting scraps, choosing items with minimal packaging to reduce waste.",
            "Reviewed by Justin Roe, Trial Attorney",
            "Updated",
            "The Author",
            "Learn More",
        ] {
            assert!(authors(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn job_lines_after_a_name_and_sentences_are_no_authors() {
        assert_eq!(
            authors("Mayank Gupta, CEO of CaseBasix"),
            vec!["Mayank Gupta"]
        );
        assert_eq!(authors("Tracy Parker, Dietitian"), vec!["Tracy Parker"]);
        assert_eq!(
            authors("Benjamin Johnson, Sr. Director of Operations"),
            vec!["Benjamin Johnson"]
        );
        assert_eq!(authors("The Team, edited by Walter"), vec!["The Team"]);
        assert_eq!(
            authors("Danielle Padula, Head of Marketing and Community Development"),
            vec!["Danielle Padula"]
        );
        assert!(authors("By submitting this form, you agree to our terms").is_empty());
        assert!(authors("Originally published").is_empty());
        assert!(authors("Last updated").is_empty());
        // a name written in lower case is still a name
        assert_eq!(authors("kirstin boatto"), vec!["kirstin boatto"]);
    }

    #[test]
    fn handles_and_labels_are_nobody() {
        for s in [
            "kffnirmitap",
            "andrew.keaveney",
            "262588213843476",
            "page.head.extra.author",
            "Author",
            "Written By",
            "@jroe",
        ] {
            assert!(authors(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn organisations_and_credentials_stay_whole() {
        assert_eq!(
            authors("Center for Drug Evaluation and Research"),
            ["Center for Drug Evaluation and Research"]
        );
        assert_eq!(authors("Shelby Loos, DVM"), ["Shelby Loos, DVM"]);
        assert_eq!(
            authors("Ann Lee, PhD, Bo Chan"),
            ["Ann Lee, PhD", "Bo Chan"]
        );
        assert_eq!(
            authors("Rui Ma, Heba Ledwon & Suparn Patra"),
            ["Rui Ma", "Heba Ledwon", "Suparn Patra"]
        );
    }

    #[test]
    fn names_of_the_host() {
        assert!(names_host(
            "Bridgestone Tires",
            Some("https://tires.bridgestone.com/x")
        ));
        assert!(names_host(
            "DianaHR",
            Some("https://www.getdianahr.com/blog/x")
        ));
        assert!(names_host(
            "Newegg.com",
            Some("https://promotions.newegg.com/x")
        ));
        assert!(!names_host(
            "A comparison",
            Some("https://www.rust-lang.org/x")
        ));
        assert!(!names_host("Bridgestone Tires", None));
    }

    #[test]
    fn the_site_is_no_author() {
        assert!(is_site(
            "USA TODAY",
            None,
            None,
            Some("https://www.usatoday.com/story/x")
        ));
        assert!(is_site(
            "Cleveland Clinic",
            Some("Cleveland Clinic"),
            None,
            None
        ));
        assert!(!is_site(
            "Jane Roe",
            Some("Cleveland Clinic"),
            Some("Health"),
            Some("https://x.com/")
        ));
    }
}
