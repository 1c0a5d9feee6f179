//! A fast, lenient HTML (and XML) tree builder.
//!
//! Why our own: extraction must run at well over a thousand pages a second on
//! one core, and html5ever-based DOMs allocate a string per node. This builder
//! keeps the page as one `&str` and stores byte ranges: text nodes and attribute
//! values are decoded (entities) only when the extractor reads them. It follows
//! the parts of the HTML tree-construction rules that shape the tree of real
//! news pages (void elements, raw-text elements, implied end tags of `p`, `li`,
//! `dd`/`dt`, `option`, table rows and cells, headings; end tags close the
//! nearest open element of that name) and ignores the rest. It never fails:
//! any byte sequence gives a tree. In XML mode (feeds) no element is void or
//! raw text, `/>` closes and `<![CDATA[` sections are text.

use std::borrow::Cow;

/// Index of a node in `Dom::nodes`.
pub type NodeId = u32;
pub const NONE: NodeId = u32::MAX;

/// Deeper nesting than this is flattened (bounds recursion in every walker).
pub const MAX_DEPTH: usize = 200;

macro_rules! tags {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// Element names the extractor cares about; everything else is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(non_camel_case_types)]
        pub enum Tag { Text, Comment, Root, Other, $($v),* }
        impl Tag {
            fn from_lower(s: &[u8]) -> Tag {
                match s { $($s => Tag::$v,)* _ => Tag::Other }
            }
        }
    };
}

tags! {
    html = b"html", head = b"head", body = b"body", title = b"title", meta = b"meta", link = b"link",
    script = b"script", style = b"style", noscript = b"noscript", template = b"template",
    svg = b"svg", math = b"math", iframe = b"iframe", object = b"object", embed = b"embed", canvas = b"canvas",
    p = b"p", div = b"div", span = b"span", a = b"a", br = b"br", hr = b"hr", wbr = b"wbr",
    h1 = b"h1", h2 = b"h2", h3 = b"h3", h4 = b"h4", h5 = b"h5", h6 = b"h6",
    ul = b"ul", ol = b"ol", li = b"li", dl = b"dl", dt = b"dt", dd = b"dd",
    table = b"table", caption = b"caption", thead = b"thead", tbody = b"tbody", tfoot = b"tfoot",
    tr = b"tr", td = b"td", th = b"th", col = b"col", colgroup = b"colgroup",
    article = b"article", section = b"section", main = b"main", aside = b"aside", nav = b"nav",
    header = b"header", footer = b"footer", address = b"address", hgroup = b"hgroup",
    form = b"form", input = b"input", button = b"button", select = b"select", option = b"option",
    optgroup = b"optgroup", textarea = b"textarea", label = b"label", fieldset = b"fieldset", legend = b"legend",
    blockquote = b"blockquote", pre = b"pre", code = b"code", figure = b"figure", figcaption = b"figcaption",
    img = b"img", picture = b"picture", source = b"source", video = b"video", audio = b"audio", track = b"track",
    time = b"time", em = b"em", strong = b"strong", b = b"b", i = b"i", u = b"u", small = b"small",
    sup = b"sup", sub = b"sub", cite = b"cite", q = b"q", mark = b"mark", font = b"font", center = b"center",
    details = b"details", summary = b"summary", menu = b"menu", dialog = b"dialog",
    area = b"area", base = b"base", param = b"param", keygen = b"keygen", xmp = b"xmp",
    noembed = b"noembed", noframes = b"noframes", plaintext = b"plaintext",
}

impl Tag {
    fn is_void(self) -> bool {
        matches!(
            self,
            Tag::area
                | Tag::base
                | Tag::br
                | Tag::col
                | Tag::embed
                | Tag::hr
                | Tag::img
                | Tag::input
                | Tag::link
                | Tag::meta
                | Tag::param
                | Tag::source
                | Tag::track
                | Tag::wbr
                | Tag::keygen
        )
    }
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::script
                | Tag::style
                | Tag::textarea
                | Tag::title
                | Tag::xmp
                | Tag::iframe
                | Tag::noembed
                | Tag::noframes
                | Tag::noscript
                | Tag::plaintext
        )
    }
    /// Opening one of these closes an open `p`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::address
                | Tag::article
                | Tag::aside
                | Tag::blockquote
                | Tag::center
                | Tag::details
                | Tag::dialog
                | Tag::div
                | Tag::dl
                | Tag::fieldset
                | Tag::figcaption
                | Tag::figure
                | Tag::footer
                | Tag::form
                | Tag::h1
                | Tag::h2
                | Tag::h3
                | Tag::h4
                | Tag::h5
                | Tag::h6
                | Tag::header
                | Tag::hgroup
                | Tag::hr
                | Tag::main
                | Tag::menu
                | Tag::nav
                | Tag::ol
                | Tag::p
                | Tag::pre
                | Tag::section
                | Tag::table
                | Tag::ul
                | Tag::li
                | Tag::dd
                | Tag::dt
                | Tag::summary
        )
    }
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::h1 | Tag::h2 | Tag::h3 | Tag::h4 | Tag::h5 | Tag::h6
        )
    }
    /// Elements whose end is a paragraph break in extracted text.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::p
                | Tag::div
                | Tag::h1
                | Tag::h2
                | Tag::h3
                | Tag::h4
                | Tag::h5
                | Tag::h6
                | Tag::ul
                | Tag::ol
                | Tag::li
                | Tag::dl
                | Tag::dt
                | Tag::dd
                | Tag::table
                | Tag::tr
                | Tag::caption
                | Tag::article
                | Tag::section
                | Tag::main
                | Tag::aside
                | Tag::nav
                | Tag::header
                | Tag::footer
                | Tag::address
                | Tag::blockquote
                | Tag::pre
                | Tag::figure
                | Tag::figcaption
                | Tag::form
                | Tag::fieldset
                | Tag::details
                | Tag::summary
                | Tag::center
                | Tag::hr
                | Tag::body
                | Tag::html
                | Tag::hgroup
                | Tag::menu
                | Tag::dialog
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Attr {
    pub name: (u32, u32),
    pub value: (u32, u32),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
    /// Text and comments: the raw bytes. Elements: the tag name.
    pub start: u32,
    pub end: u32,
    /// Attributes: `Dom::attrs[attr_start..attr_end]`.
    pub attr_start: u32,
    pub attr_end: u32,
    pub depth: u16,
}

/// A parsed page: the source and a tree of byte ranges into it.
pub struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    pub xml: bool,
}

impl<'a> Dom<'a> {
    pub fn parse(src: &'a str) -> Dom<'a> {
        Builder::new(src, false).run()
    }
    pub fn parse_xml(src: &'a str) -> Dom<'a> {
        Builder::new(src, true).run()
    }

    pub fn root(&self) -> NodeId {
        0
    }
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }
    pub fn tag(&self, id: NodeId) -> Tag {
        self.nodes[id as usize].tag
    }
    /// The element's name as written, lowercased only when needed.
    pub fn name(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id as usize];
        &self.src[n.start as usize..n.end as usize]
    }
    /// Local name without a namespace prefix (`content:encoded` → `encoded`).
    pub fn local_name(&self, id: NodeId) -> &'a str {
        let n = self.name(id);
        n.rsplit(':').next().unwrap_or(n)
    }
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }
    /// Raw attribute value (entities not decoded).
    pub fn attr_raw(&self, id: NodeId, name: &str) -> Option<&'a str> {
        let n = &self.nodes[id as usize];
        for a in &self.attrs[n.attr_start as usize..n.attr_end as usize] {
            let an = &self.src[a.name.0 as usize..a.name.1 as usize];
            if an.eq_ignore_ascii_case(name) {
                return Some(&self.src[a.value.0 as usize..a.value.1 as usize]);
            }
        }
        None
    }
    /// Attribute value with entities decoded.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<Cow<'a, str>> {
        self.attr_raw(id, name).map(decode_entities)
    }
    /// All attributes as (name, raw value).
    pub fn attrs_of(&self, id: NodeId) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        let n = &self.nodes[id as usize];
        self.attrs[n.attr_start as usize..n.attr_end as usize]
            .iter()
            .map(|a| {
                (
                    &self.src[a.name.0 as usize..a.name.1 as usize],
                    &self.src[a.value.0 as usize..a.value.1 as usize],
                )
            })
    }
    /// Raw text of a text node.
    pub fn raw(&self, id: NodeId) -> &'a str {
        let n = &self.nodes[id as usize];
        &self.src[n.start as usize..n.end as usize]
    }
    /// Every node below `id` in document order (not `id` itself).
    pub fn descendants(&self, id: NodeId) -> Descendants<'_, 'a> {
        Descendants {
            dom: self,
            root: id,
            next: self.nodes[id as usize].first_child,
        }
    }
    /// The text content of `id`, entities decoded, whitespace collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        if self.tag(id) == Tag::Text {
            push_collapsed(&mut out, &decode_entities(self.raw(id)));
        }
        for d in self.descendants(id) {
            if self.tag(d) == Tag::Text {
                push_collapsed(&mut out, &decode_text(self, d));
            }
        }
        out.trim().to_string()
    }
    /// Elements whose (lowercased) name is `name`, in document order.
    pub fn elements_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = NodeId> + 's {
        (0..self.nodes.len() as u32).filter(move |&i| {
            let t = self.nodes[i as usize].tag;
            t != Tag::Text && t != Tag::Comment && self.name(i).eq_ignore_ascii_case(name)
        })
    }
}

/// Decoded text of a text node (CDATA in XML is kept verbatim).
pub fn decode_text<'a>(dom: &Dom<'a>, id: NodeId) -> Cow<'a, str> {
    let raw = dom.raw(id);
    if dom.xml && raw.starts_with("<![CDATA[") {
        let inner = &raw[9..];
        return Cow::Borrowed(inner.strip_suffix("]]>").unwrap_or(inner));
    }
    decode_entities(raw)
}

/// Appends `s` with runs of whitespace collapsed to one space.
pub fn push_collapsed(out: &mut String, s: &str) {
    let mut space = out.is_empty() || out.ends_with(char::is_whitespace);
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: NodeId,
}
impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let c = self.next;
        self.next = self.dom.nodes[c as usize].next_sibling;
        Some(c)
    }
}

pub struct Descendants<'d, 'a> {
    dom: &'d Dom<'a>,
    root: NodeId,
    next: NodeId,
}
impl Iterator for Descendants<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next;
        if cur == NONE {
            return None;
        }
        let nodes = &self.dom.nodes;
        let n = &nodes[cur as usize];
        self.next = if n.first_child != NONE {
            n.first_child
        } else {
            let mut x = cur;
            loop {
                if x == self.root {
                    break NONE;
                }
                let nx = &nodes[x as usize];
                if nx.next_sibling != NONE {
                    break nx.next_sibling;
                }
                x = nx.parent;
                if x == self.root || x == NONE {
                    break NONE;
                }
            }
        };
        Some(cur)
    }
}

struct Builder<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    xml: bool,
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    stack: Vec<NodeId>,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, xml: bool) -> Self {
        let mut nodes = Vec::with_capacity(src.len() / 40 + 8);
        nodes.push(Node {
            tag: Tag::Root,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: 0,
            end: 0,
            attr_start: 0,
            attr_end: 0,
            depth: 0,
        });
        Builder {
            src,
            b: src.as_bytes(),
            pos: 0,
            xml,
            nodes,
            attrs: Vec::with_capacity(src.len() / 60 + 8),
            stack: vec![0],
        }
    }

    fn run(mut self) -> Dom<'a> {
        let b = self.b;
        while self.pos < b.len() {
            let lt = match memchr::memchr(b'<', &b[self.pos..]) {
                Some(i) => self.pos + i,
                None => {
                    self.text(self.pos, b.len());
                    break;
                }
            };
            if lt > self.pos {
                self.text(self.pos, lt);
            }
            self.pos = lt;
            self.markup();
        }
        Dom {
            src: self.src,
            nodes: self.nodes,
            attrs: self.attrs,
            xml: self.xml,
        }
    }

    fn append(&mut self, mut node: Node) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let parent = *self.stack.last().unwrap_or(&0);
        node.parent = parent;
        node.depth = self.stack.len().min(u16::MAX as usize) as u16;
        let p = &mut self.nodes[parent as usize];
        let prev = p.last_child;
        if prev == NONE {
            p.first_child = id;
        }
        p.last_child = id;
        if prev != NONE {
            self.nodes[prev as usize].next_sibling = id;
        }
        self.nodes.push(node);
        id
    }

    fn leaf(tag: Tag, start: usize, end: usize) -> Node {
        Node {
            tag,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: start as u32,
            end: end as u32,
            attr_start: 0,
            attr_end: 0,
            depth: 0,
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        // merge with a preceding text sibling (split by a comment, say)? keep simple: new node
        self.append(Self::leaf(Tag::Text, start, end));
    }

    /// At `<`: a tag, end tag, comment, doctype, CDATA or a stray `<` (text).
    fn markup(&mut self) {
        let b = self.b;
        let p = self.pos;
        let next = b.get(p + 1).copied().unwrap_or(0);
        if next == b'!' {
            if b[p..].starts_with(b"<!--") {
                let end = find(b, p + 4, b"-->").map_or(b.len(), |i| i + 3);
                self.append(Self::leaf(Tag::Comment, p, end));
                self.pos = end;
            } else if b[p..].starts_with(b"<![CDATA[") {
                let end = find(b, p + 9, b"]]>").map_or(b.len(), |i| i + 3);
                if self.xml {
                    self.text(p, end);
                }
                self.pos = end;
            } else {
                self.pos = memchr::memchr(b'>', &b[p..]).map_or(b.len(), |i| p + i + 1);
            }
        } else if next == b'?' {
            self.pos = memchr::memchr(b'>', &b[p..]).map_or(b.len(), |i| p + i + 1);
        } else if next == b'/' {
            let ns = p + 2;
            let ne = name_end(b, ns);
            self.pos = memchr::memchr(b'>', &b[ne..]).map_or(b.len(), |i| ne + i + 1);
            if ne > ns {
                self.end_tag(ns, ne);
            }
        } else if next.is_ascii_alphabetic() {
            self.start_tag();
        } else {
            // a stray '<' is text
            self.text(p, p + 1);
            self.pos = p + 1;
        }
    }

    fn tag_of(&self, s: usize, e: usize) -> Tag {
        let name = &self.b[s..e];
        if name.len() > 10 {
            return Tag::Other;
        }
        let mut buf = [0u8; 10];
        for (d, c) in buf.iter_mut().zip(name) {
            *d = c.to_ascii_lowercase();
        }
        Tag::from_lower(&buf[..name.len()])
    }

    fn start_tag(&mut self) {
        let b = self.b;
        let ns = self.pos + 1;
        let ne = name_end(b, ns);
        let tag = if self.xml {
            Tag::Other
        } else {
            self.tag_of(ns, ne)
        };
        let attr_start = self.attrs.len();
        // attributes
        let mut i = ne;
        let mut self_closing = false;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                if b[i] == b'/' {
                    self_closing = true;
                }
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let an = i;
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && b[i] != b'='
                && b[i] != b'>'
                && !(b[i] == b'/' && i > an)
            {
                i += 1;
            }
            let ae = i;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (vs, ve);
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    vs = i + 1;
                    ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |k| vs + k);
                    i = (ve + 1).min(b.len());
                } else {
                    vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    ve = i;
                }
            } else {
                vs = ae;
                ve = ae;
            }
            if ae > an && self.attrs.len() - attr_start < 64 {
                self.attrs.push(Attr {
                    name: (an as u32, ae as u32),
                    value: (vs as u32, ve as u32),
                });
            }
        }
        self.pos = i;
        let attr_end = self.attrs.len();

        if !self.xml {
            self.implied_ends(tag);
        }
        let mut node = Self::leaf(tag, ns, ne);
        node.attr_start = attr_start as u32;
        node.attr_end = attr_end as u32;
        let id = self.append(node);
        let void = if self.xml {
            self_closing
        } else {
            tag.is_void() || (self_closing && tag == Tag::Other)
        };
        if void {
            return;
        }
        if !self.xml && tag.is_raw_text() {
            // raw text up to the matching end tag
            let body_start = self.pos;
            let end = find_end_tag(b, body_start, &b[ns..ne]);
            let (text_end, after) = match end {
                Some((s, e)) => (s, e),
                None => (b.len(), b.len()),
            };
            if text_end > body_start {
                self.stack.push(id);
                self.text(body_start, text_end);
                self.stack.pop();
            }
            self.pos = after;
            return;
        }
        if self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    /// Implied end tags of HTML tree construction that shape news pages.
    fn implied_ends(&mut self, tag: Tag) {
        // body content (or <body>) ends an unclosed <head>
        if !matches!(
            tag,
            Tag::title
                | Tag::meta
                | Tag::link
                | Tag::script
                | Tag::style
                | Tag::noscript
                | Tag::template
                | Tag::base
                | Tag::Other
        ) {
            if let Some(k) = self
                .stack
                .iter()
                .rposition(|&n| self.nodes[n as usize].tag == Tag::head)
            {
                self.stack.truncate(k);
            }
        }
        if tag.closes_p() {
            self.close_in_scope(&[Tag::p]);
        }
        match tag {
            Tag::li => self.close_until(Tag::li, &[Tag::ul, Tag::ol, Tag::menu]),
            Tag::dt | Tag::dd => {
                self.close_until(Tag::dt, &[Tag::dl]);
                self.close_until(Tag::dd, &[Tag::dl]);
            }
            Tag::option => self.close_until(Tag::option, &[Tag::select, Tag::optgroup]),
            Tag::tr => self.close_until(Tag::tr, &[Tag::table, Tag::tbody, Tag::thead, Tag::tfoot]),
            Tag::td | Tag::th => {
                self.close_until(Tag::td, &[Tag::tr, Tag::table]);
                self.close_until(Tag::th, &[Tag::tr, Tag::table]);
            }
            Tag::tbody | Tag::thead | Tag::tfoot => {
                for t in [Tag::tbody, Tag::thead, Tag::tfoot] {
                    self.close_until(t, &[Tag::table]);
                }
            }
            t if t.is_heading() => {
                if let Some(&top) = self.stack.last() {
                    if self.nodes[top as usize].tag.is_heading() {
                        self.stack.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// Pops up to and including an open `target` unless a scope boundary comes first.
    fn close_in_scope(&mut self, targets: &[Tag]) {
        for k in (1..self.stack.len()).rev() {
            let t = self.nodes[self.stack[k] as usize].tag;
            if targets.contains(&t) {
                self.stack.truncate(k);
                return;
            }
            if matches!(
                t,
                Tag::table
                    | Tag::td
                    | Tag::th
                    | Tag::button
                    | Tag::html
                    | Tag::template
                    | Tag::caption
                    | Tag::object
            ) {
                return;
            }
        }
    }

    fn close_until(&mut self, target: Tag, boundary: &[Tag]) {
        for k in (1..self.stack.len()).rev() {
            let t = self.nodes[self.stack[k] as usize].tag;
            if t == target {
                self.stack.truncate(k);
                return;
            }
            if boundary.contains(&t) {
                return;
            }
        }
    }

    fn end_tag(&mut self, ns: usize, ne: usize) {
        let name = &self.b[ns..ne];
        if !self.xml {
            let tag = self.tag_of(ns, ne);
            match tag {
                Tag::html | Tag::body => return,
                Tag::br => {
                    self.append(Self::leaf(Tag::br, ns, ne));
                    return;
                }
                Tag::Other => {}
                _ => {
                    for k in (1..self.stack.len()).rev() {
                        if self.nodes[self.stack[k] as usize].tag == tag {
                            self.stack.truncate(k);
                            return;
                        }
                    }
                    return;
                }
            }
        }
        for k in (1..self.stack.len()).rev() {
            let n = &self.nodes[self.stack[k] as usize];
            if self.b[n.start as usize..n.end as usize].eq_ignore_ascii_case(name) {
                self.stack.truncate(k);
                return;
            }
        }
    }
}

fn name_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    i
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    memchr::memmem::find(&b[from..], needle).map(|i| from + i)
}

/// `(start of "</name", index after its ">")` of the end tag closing a raw-text element.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(k) = find(b, i, b"</") {
        let s = k + 2;
        let e = s + name.len();
        if e <= b.len()
            && b[s..e].eq_ignore_ascii_case(name)
            && b.get(e)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            let after = memchr::memchr(b'>', &b[e..]).map_or(b.len(), |x| e + x + 1);
            return Some((k, after));
        }
        i = k + 2;
    }
    None
}

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`, common named ones).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        match decode_one(rest) {
            Some((c, len)) => {
                match c {
                    Decoded::Char(ch) => out.push(ch),
                    Decoded::Str(st) => out.push_str(st),
                }
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

enum Decoded {
    Char(char),
    Str(&'static str),
}

/// One reference at the start of `s` ("&..."): the character and bytes used.
fn decode_one(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x') | Some(b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut i = start;
        let mut v: u32 = 0;
        while i < b.len() && i - start < 8 {
            let d = match (hex, b[i]) {
                (_, c @ b'0'..=b'9') => (c - b'0') as u32,
                (true, c @ b'a'..=b'f') => (c - b'a' + 10) as u32,
                (true, c @ b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            v = v * if hex { 16 } else { 10 } + d;
            i += 1;
        }
        if i == start {
            return None;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        let c = match v {
            0x80..=0x9f => windows_1252_c1(v),
            0 => '\u{fffd}',
            _ => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((Decoded::Char(c), i));
    }
    let mut i = 1;
    while i < b.len() && i < 12 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = &s[1..i];
    let semi = b.get(i) == Some(&b';');
    let v = named_entity(name)?;
    // legacy entities without ';' only for the common few
    if !semi && !matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        return None;
    }
    Some((Decoded::Str(v), i + usize::from(semi)))
}

fn windows_1252_c1(v: u32) -> char {
    const T: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    char::from_u32(T[(v - 0x80) as usize] as u32).unwrap_or('\u{fffd}')
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "shy" => "\u{ad}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "iexcl" => "¡",
        "iquest" => "¿",
        "ordf" => "ª",
        "ordm" => "º",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "micro" => "µ",
        "acute" => "´",
        "uml" => "¨",
        "cedil" => "¸",
        "macr" => "¯",
        "not" => "¬",
        "brvbar" => "¦",
        "curren" => "¤",
        "prime" => "′",
        "Prime" => "″",
        "dagger" => "†",
        "Dagger" => "‡",
        "permil" => "‰",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "minus" => "−",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "infin" => "∞",
        "Agrave" => "À",
        "Aacute" => "Á",
        "Acirc" => "Â",
        "Atilde" => "Ã",
        "Auml" => "Ä",
        "Aring" => "Å",
        "AElig" => "Æ",
        "Ccedil" => "Ç",
        "Egrave" => "È",
        "Eacute" => "É",
        "Ecirc" => "Ê",
        "Euml" => "Ë",
        "Igrave" => "Ì",
        "Iacute" => "Í",
        "Icirc" => "Î",
        "Iuml" => "Ï",
        "ETH" => "Ð",
        "Ntilde" => "Ñ",
        "Ograve" => "Ò",
        "Oacute" => "Ó",
        "Ocirc" => "Ô",
        "Otilde" => "Õ",
        "Ouml" => "Ö",
        "Oslash" => "Ø",
        "Ugrave" => "Ù",
        "Uacute" => "Ú",
        "Ucirc" => "Û",
        "Uuml" => "Ü",
        "Yacute" => "Ý",
        "THORN" => "Þ",
        "szlig" => "ß",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "atilde" => "ã",
        "auml" => "ä",
        "aring" => "å",
        "aelig" => "æ",
        "ccedil" => "ç",
        "egrave" => "è",
        "eacute" => "é",
        "ecirc" => "ê",
        "euml" => "ë",
        "igrave" => "ì",
        "iacute" => "í",
        "icirc" => "î",
        "iuml" => "ï",
        "eth" => "ð",
        "ntilde" => "ñ",
        "ograve" => "ò",
        "oacute" => "ó",
        "ocirc" => "ô",
        "otilde" => "õ",
        "ouml" => "ö",
        "oslash" => "ø",
        "ugrave" => "ù",
        "uacute" => "ú",
        "ucirc" => "û",
        "uuml" => "ü",
        "yacute" => "ý",
        "thorn" => "þ",
        "yuml" => "ÿ",
        "OElig" => "Œ",
        "oelig" => "œ",
        "Scaron" => "Š",
        "scaron" => "š",
        "Yuml" => "Ÿ",
        "fnof" => "ƒ",
        "circ" => "ˆ",
        "tilde" => "˜",
        "Alpha" => "Α",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "pi" => "π",
        "mu" => "μ",
        "sigma" => "σ",
        "omega" => "ω",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dom: &Dom, id: NodeId, out: &mut String) {
        for c in dom.children(id) {
            match dom.tag(c) {
                Tag::Text => out.push_str(&decode_text(dom, c)),
                Tag::Comment => {}
                _ => {
                    out.push('(');
                    out.push_str(&dom.name(c).to_ascii_lowercase());
                    out.push(' ');
                    tree(dom, c, out);
                    out.push(')');
                }
            }
        }
    }
    fn shape(src: &str) -> String {
        let d = Dom::parse(src);
        let mut s = String::new();
        tree(&d, 0, &mut s);
        s
    }

    #[test]
    fn implied_ends_shape_the_tree() {
        assert_eq!(shape("<p>a<p>b<div>c</div>"), "(p a)(p b)(div c)");
        assert_eq!(shape("<ul><li>a<li>b</ul>"), "(ul (li a)(li b))");
        assert_eq!(
            shape("<table><tr><td>1<td>2<tr><td>3</table>"),
            "(table (tr (td 1)(td 2))(tr (td 3)))"
        );
        assert_eq!(shape("<div><b>x</div>y"), "(div (b x))y");
        assert_eq!(shape("a<br>b<img src=x>c"), "a(br )b(img )c");
        assert_eq!(shape("<P CLASS=x>Hi</P>"), "(p Hi)");
        assert_eq!(
            shape("<html><head><title>t</title><body><p>x</body>"),
            "(html (head (title t))(body (p x)))"
        );
    }

    #[test]
    fn raw_text_and_comments() {
        assert_eq!(
            shape("<script>if (a<b) { x = '</div>'; }</script><p>t"),
            "(script if (a<b) { x = '</div>'; })(p t)"
        );
        assert_eq!(shape("<!-- <p>no</p> -->yes"), "yes");
        assert_eq!(shape("a < b"), "a < b");
        assert_eq!(shape("<scRIPT>x</SCRIPT >y"), "(script x)y");
    }

    #[test]
    fn attributes_and_entities() {
        let d = Dom::parse(
            r#"<a href="/x?a=1&amp;b=2" data-x = 'q' checked class=big>&ldquo;Hi&rdquo; &#8217;&#x2019;&#150;&bogus; &amp</a>"#,
        );
        let a = d.elements_named("a").next().unwrap();
        assert_eq!(d.attr(a, "HREF").unwrap(), "/x?a=1&b=2");
        assert_eq!(d.attr(a, "data-x").unwrap(), "q");
        assert_eq!(d.attr(a, "checked").unwrap(), "");
        assert_eq!(d.attr(a, "class").unwrap(), "big");
        assert_eq!(d.text_of(a), "“Hi” ’’–&bogus; &");
    }

    #[test]
    fn xml_mode_keeps_link_and_cdata() {
        let d = Dom::parse_xml(
            "<rss><item><link>http://x</link><content:encoded><![CDATA[<p>a & b</p>]]></content:encoded><e/></item></rss>",
        );
        let mut s = String::new();
        tree(&d, 0, &mut s);
        assert_eq!(
            s,
            "(rss (item (link http://x)(content:encoded <p>a & b</p>)(e )))"
        );
        let enc = d.elements_named("content:encoded").next().unwrap();
        assert_eq!(d.local_name(enc), "encoded");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = "<div>".repeat(10_000) + "x";
        let d = Dom::parse(&src);
        assert!(d.nodes.iter().all(|n| (n.depth as usize) <= MAX_DEPTH));
    }

    proptest::proptest! {
        #[test]
        fn any_input_builds_a_tree(s in "[<>/a-z =\"'!&#;-]{0,120}") {
            let d = Dom::parse(&s);
            let _ = d.text_of(0);
            let x = Dom::parse_xml(&s);
            let _ = x.text_of(0);
        }
    }
}
