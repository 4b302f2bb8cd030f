//! go-yaml v2.4.0's scanner (`scannerc.go`, `readerc.go`): text → tokens, with its
//! exact errors.
//!
//! Written after reading go-yaml v2.4.0 (a Go port of libyaml 0.1.x). The scanner is
//! structured as go-yaml's is, because go-yaml's own quirks are what kubectl reads
//! with, and each of them is observable:
//! - simple keys are checked lazily (v2.3's `simple_keys_by_tok`, not libyaml's
//!   stale-key sweep), so "could not find expected ':'" is reported where go-yaml
//!   reports it;
//! - a tab is skipped as white space only in flow context or where no simple key is
//!   allowed (after a simple key's `:`, not after `- ` nor at the start of a line);
//! - a byte order mark is skipped at the start of a line only when go-yaml's input
//!   buffer happens to start with one (`is_bom` tests the buffer's first bytes, not
//!   the current position), and control characters are refused when the 512-byte
//!   block holding them is decoded: both depend on go-yaml's buffering, which is
//!   emulated here (only for a chunk that holds such characters; see [`Refill`]);
//! - nesting deeper than 10,000 flow levels or indentation levels is "exceeded max
//!   depth of 10000".
//!
//! The scanner reads one chunk of the input in place (no copy): kubectl's line reader
//! turns `\r\n` into `\n` and ends the last line with `\n`, and go-yaml treats `\r\n`
//! as one line break anyway, so only the character counts of go-yaml's buffer differ,
//! and they are kept as go-yaml's ([`Mark::index`], [`Refill`]).

use std::collections::VecDeque;

/// A position, as go-yaml counts it, plus the byte offset in the whole input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte offset in the whole input.
    pub pos: usize,
    /// Characters from the chunk's start (go-yaml's `index`).
    pub index: usize,
    /// 0-based line from the chunk's start.
    pub line: usize,
    /// 0-based column, in characters.
    pub column: usize,
}

/// The kind of a token (go-yaml's `yaml_token_type_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    StreamStart,
    StreamEnd,
    VersionDirective,
    TagDirective,
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar,
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted.
    Plain,
    /// `'…'`.
    SingleQuoted,
    /// `"…"`.
    DoubleQuoted,
    /// `|`.
    Literal,
    /// `>`.
    Folded,
    /// A JSON string, number, `true`, `false` or `null` (a JSON stream's).
    Json,
}

/// A scalar's text: a range of the input when it is written as it reads, or the text
/// after escapes, folding and indentation are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    Slice(usize, usize),
    Owned(String),
}

/// What a token carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenData {
    None,
    /// An anchor's or alias's name: a range of the input.
    Name(usize, usize),
    /// A tag: handle (`!`, `!!`, `!e!` or empty for a verbatim tag) and suffix.
    Tag {
        handle: String,
        suffix: String,
    },
    /// A `%TAG` directive.
    TagDirective {
        handle: String,
        prefix: String,
    },
    /// A `%YAML` directive's version.
    Version(u8, u8),
    Scalar {
        text: Text,
        style: Style,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: Mark,
    pub end: Mark,
    pub data: TokenData,
}

impl Token {
    fn bare(kind: TokenKind, start: Mark, end: Mark) -> Token {
        Token {
            kind,
            start,
            end,
            data: TokenData::None,
        }
    }
}

/// Which part of go-yaml refused the text: it decides how the line is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Reader,
    Scanner,
    Parser,
}

/// A syntax error, as go-yaml's parser struct records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub stage: Stage,
    pub problem: String,
    pub problem_mark: Mark,
    pub context_mark: Mark,
}

impl SyntaxError {
    /// go-yaml's message (`parser.fail`): `line N: problem`, where N is the problem's
    /// 0-based line + 1 for scanner errors, the problem's 0-based line for parser
    /// errors (go-yaml's own off-by-one), the context's when the problem is on line
    /// 0, and no line at all when that is 0 too (always for reader errors).
    pub fn message(&self) -> String {
        let line = match self.stage {
            Stage::Reader => 0,
            _ if self.problem_mark.line != 0 => {
                self.problem_mark.line + usize::from(self.stage == Stage::Scanner)
            }
            _ => self.context_mark.line,
        };
        if line == 0 {
            self.problem.clone()
        } else {
            format!("line {line}: {}", self.problem)
        }
    }
}

pub(crate) type Result<T> = std::result::Result<T, Box<SyntaxError>>;

#[derive(Debug, Clone, Copy, Default)]
struct SimpleKey {
    possible: bool,
    required: bool,
    token_number: usize,
    mark: Mark,
}

/// go-yaml's `simple_keys_by_tok` map, token number → index into the simple-key
/// stack. Insertions come with increasing token numbers and look-ups are only ever
/// for the number of the token at the head of the queue, which only grows: a sorted
/// queue that forgets numbers below the head behaves as the map does.
#[derive(Debug, Default)]
struct KeysByToken(VecDeque<(usize, usize)>);

impl KeysByToken {
    fn insert(&mut self, number: usize, index: usize) {
        match self.0.back_mut() {
            Some(last) if last.0 == number => last.1 = index,
            Some(last) if last.0 > number => {
                let at = self.0.partition_point(|e| e.0 < number);
                if self.0.get(at).is_some_and(|e| e.0 == number) {
                    self.0[at].1 = index;
                } else {
                    self.0.insert(at, (number, index));
                }
            }
            _ => self.0.push_back((number, index)),
        }
    }

    fn remove(&mut self, number: usize) {
        if let Some(at) = self.0.iter().rposition(|e| e.0 == number) {
            self.0.remove(at);
        }
    }

    fn get(&mut self, head: usize) -> Option<usize> {
        while self.0.front().is_some_and(|e| e.0 < head) {
            self.0.pop_front();
        }
        self.0.front().filter(|e| e.0 == head).map(|e| e.1)
    }
}

/// go-yaml's input buffering, for the two things that depend on it: which character
/// its buffer starts with (a byte order mark there makes `scan_to_next_token` skip
/// one character at the start of a line), and when a block is decoded (a control
/// character is refused then, before the scanner reaches it). go-yaml reads its input
/// 512 bytes at a time and decodes each block whole; it refills its buffer when the
/// scanner asks for more characters than it holds (`cache`). Counts are in the
/// chunk as kubectl hands it over (`\r\n` as `\n`, a final `\n` added).
#[derive(Debug, Default)]
struct Refill {
    /// Emulate at all: the chunk holds a byte order mark past its start, or a
    /// character go-yaml refuses. Otherwise the buffering has no visible effect.
    on: bool,
    started: bool,
    eof: bool,
    /// Characters decoded and not yet consumed (go-yaml's `unread`).
    unread: usize,
    /// Chunk bytes (kubectl's form) handed to the raw buffer, and decoded.
    raw_end: usize,
    decoded: usize,
    /// Where decoding resumes in the input.
    decode_pos: usize,
    /// The buffer's first character, when last refilled, was a byte order mark.
    bom_first: bool,
    /// The chunk's length in kubectl's form.
    len: usize,
}

/// Block size of go-yaml's raw input buffer.
const RAW_BLOCK: usize = 512;
/// go-yaml's limits on flow nesting and indentation levels.
const MAX_DEPTH: usize = 10_000;

/// The scanner of one chunk.
pub(crate) struct Scanner<'a> {
    src: &'a [u8],
    /// Where the chunk ends in the input.
    end: usize,
    /// The chunk does not end with `\n`: kubectl adds one (position `end`).
    virtual_nl: bool,
    /// Current position (`mark.pos` is the byte offset).
    mark: Mark,
    refill: Refill,

    tokens: VecDeque<Token>,
    tokens_parsed: usize,
    token_available: bool,
    stream_start_produced: bool,
    stream_end_produced: bool,

    indent: isize,
    indents: Vec<isize>,
    simple_key_allowed: bool,
    simple_keys: Vec<SimpleKey>,
    keys_by_tok: KeysByToken,
    flow_level: usize,
    error: Option<Box<SyntaxError>>,
}

/// Characters go-yaml refuses (`readerc.go`): control characters other than tab
/// and line breaks, DEL, C1 controls other than NEL, U+FFFE and U+FFFF.
pub(crate) fn refused_char(c: char) -> bool {
    let v = c as u32;
    !matches!(v, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..)
}

impl<'a> Scanner<'a> {
    /// A scanner of `src[start..end]`, one chunk cut by kubectl's reader.
    pub fn new(src: &'a str, start: usize, end: usize) -> Scanner<'a> {
        let bytes = src.as_bytes();
        let chunk = &src[start..end];
        let virtual_nl = !chunk.ends_with('\n');
        // go-yaml drops a byte order mark at the start of its input.
        let body = chunk.strip_prefix('\u{feff}').unwrap_or(chunk);
        let at = end - body.len();
        let emulate = needs_emulation(body.as_bytes());
        let mut refill = Refill {
            on: emulate,
            decode_pos: start,
            ..Refill::default()
        };
        if emulate {
            let crlf = chunk.matches("\r\n").count();
            refill.len = chunk.len() - crlf + usize::from(virtual_nl);
        }
        Scanner {
            src: bytes,
            end,
            virtual_nl,
            mark: Mark {
                pos: at,
                ..Mark::default()
            },
            refill,
            tokens: VecDeque::new(),
            tokens_parsed: 0,
            token_available: false,
            stream_start_produced: false,
            stream_end_produced: false,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: false,
            simple_keys: Vec::new(),
            keys_by_tok: KeysByToken::default(),
            flow_level: 0,
            error: None,
        }
    }

    // ----------------------------------------------------------------------------
    // Characters.

    /// The byte `k` bytes ahead; 0 past the chunk (go-yaml's NUL padding).
    #[inline]
    fn at(&self, k: usize) -> u8 {
        let i = self.mark.pos + k;
        if i < self.end {
            self.src[i]
        } else if i == self.end && self.virtual_nl {
            b'\n'
        } else {
            0
        }
    }

    #[inline]
    fn is_z(&self, k: usize) -> bool {
        self.at(k) == 0
    }

    #[inline]
    fn is_blank(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t')
    }

    #[inline]
    fn is_break(&self, k: usize) -> bool {
        match self.at(k) {
            b'\r' | b'\n' => true,
            0xC2 => self.at(k + 1) == 0x85,
            0xE2 => self.at(k + 1) == 0x80 && matches!(self.at(k + 2), 0xA8 | 0xA9),
            _ => false,
        }
    }

    #[inline]
    fn is_breakz(&self, k: usize) -> bool {
        match self.at(k) {
            b'\r' | b'\n' | 0 => true,
            0xC2 | 0xE2 => self.is_break(k),
            _ => false,
        }
    }

    #[inline]
    fn is_blankz(&self, k: usize) -> bool {
        match self.at(k) {
            b' ' | b'\t' | b'\r' | b'\n' | 0 => true,
            0xC2 | 0xE2 => self.is_break(k),
            _ => false,
        }
    }

    /// Moves over `src[pos..to]`, characters that need no attention (no line break,
    /// no blank): go-yaml's `skip` for each. Only without buffer emulation.
    #[inline]
    fn skip_run(&mut self, to: usize) {
        let run = &self.src[self.mark.pos..to];
        let chars = if run.is_ascii() {
            run.len()
        } else {
            run.iter().filter(|&&b| b & 0xC0 != 0x80).count()
        };
        self.mark.pos = to;
        self.mark.index += chars;
        self.mark.column += chars;
    }

    /// The end of the run of bytes from `pos` for which `ok` holds, within the chunk.
    #[inline]
    fn run_end(&self, ok: impl Fn(u8) -> bool) -> usize {
        let start = self.mark.pos;
        let rest = &self.src[start..self.end];
        start + rest.iter().position(|&b| !ok(b)).unwrap_or(rest.len())
    }

    #[inline]
    fn is_alpha(&self, k: usize) -> bool {
        matches!(self.at(k), b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'_' | b'-')
    }

    fn is_hex(&self, k: usize) -> bool {
        self.at(k).is_ascii_hexdigit()
    }

    fn as_hex(&self, k: usize) -> u32 {
        char::from(self.at(k)).to_digit(16).unwrap_or(0)
    }

    /// The length in bytes of the character at the current position, as go-yaml's
    /// `width` (1 past the end: the NUL).
    #[inline]
    fn width(&self) -> usize {
        match self.at(0) {
            b if b < 0x80 => 1,
            b if b & 0xE0 == 0xC0 => 2,
            b if b & 0xF0 == 0xE0 => 3,
            _ => 4,
        }
    }

    /// A `\r\n` of the input: one `\n` in kubectl's chunk.
    #[inline]
    fn at_crlf_pair(&self) -> bool {
        self.at(0) == b'\r' && self.mark.pos + 1 < self.end && self.src[self.mark.pos + 1] == b'\n'
    }

    /// go-yaml's `skip`: one character.
    #[inline]
    fn skip(&mut self) {
        let w = if self.at_crlf_pair() { 2 } else { self.width() };
        self.mark.pos += w;
        self.mark.index += 1;
        self.mark.column += 1;
        self.refill.unread = self.refill.unread.wrapping_sub(1);
    }

    /// A `\r` that kubectl's chunk follows with `\n` (go-yaml's CR LF): the input
    /// has `\r\r\n` (kubectl drops the second `\r`) or ends with `\r` (kubectl adds
    /// the `\n`). The bytes it takes in the input.
    fn cr_lf_in_chunk(&self) -> Option<usize> {
        if self.at(0) != b'\r' {
            return None;
        }
        let p = self.mark.pos;
        if p + 2 < self.end && self.src[p + 1] == b'\r' && self.src[p + 2] == b'\n' {
            Some(3)
        } else if p + 1 == self.end && self.virtual_nl {
            Some(2)
        } else {
            None
        }
    }

    /// go-yaml's `skip_line`: a line break, if there is one.
    fn skip_line(&mut self) {
        if self.at_crlf_pair() {
            // `\n` in kubectl's chunk.
            self.mark.pos += 2;
            self.mark.index += 1;
            self.refill.unread = self.refill.unread.wrapping_sub(1);
        } else if let Some(len) = self.cr_lf_in_chunk() {
            self.mark.pos += len;
            self.mark.index += 2;
            self.refill.unread = self.refill.unread.wrapping_sub(2);
        } else if self.is_break(0) {
            self.mark.pos += self.width();
            self.mark.index += 1;
            self.refill.unread = self.refill.unread.wrapping_sub(1);
        } else {
            return;
        }
        self.mark.column = 0;
        self.mark.line += 1;
    }

    /// go-yaml's `read`: one character appended to `s`.
    #[inline]
    fn read(&mut self, s: &mut String) {
        let start = self.mark.pos;
        self.skip();
        let end = self.mark.pos.min(self.end);
        // A CR LF pair is one `\n` to go-yaml, but `read` is never at a break.
        if let Ok(piece) = std::str::from_utf8(&self.src[start.min(end)..end]) {
            s.push_str(piece);
        }
    }

    /// go-yaml's `read_line`: a line break appended to `s` (`\n` for CR, LF, CR LF
    /// and NEL; LS and PS as they are).
    fn read_line(&mut self, s: &mut String) {
        match self.at(0) {
            b'\r' | b'\n' => s.push('\n'),
            0xC2 if self.at(1) == 0x85 => s.push('\n'),
            0xE2 if self.at(1) == 0x80 && self.at(2) == 0xA8 => s.push('\u{2028}'),
            0xE2 if self.at(1) == 0x80 && self.at(2) == 0xA9 => s.push('\u{2029}'),
            _ => return,
        }
        self.skip_line();
    }

    // ----------------------------------------------------------------------------
    // go-yaml's buffering.

    /// go-yaml's `cache(n)`: makes sure `n` characters are decoded.
    #[inline]
    fn cache(&mut self, n: usize) -> Result<()> {
        if self.refill.on && self.refill.unread < n {
            self.update_buffer(n)
        } else {
            Ok(())
        }
    }

    fn update_buffer(&mut self, length: usize) -> Result<()> {
        let r = &mut self.refill;
        if !r.started {
            r.started = true;
            // `determine_encoding`: reads until 3 bytes are there (or the end), then
            // drops a byte order mark.
            r.raw_end = r.len.min(RAW_BLOCK);
            if r.raw_end < 3 {
                r.eof = true;
            }
            if self.src[r.decode_pos..].starts_with("\u{feff}".as_bytes()) {
                r.decode_pos += 3;
                r.decoded = 3;
            }
        }
        // The buffer is compacted: its first character is the current one.
        let current = self.current_char();
        self.refill.bom_first = current == Some('\u{feff}');
        let mut first = true;
        while self.refill.unread < length {
            let r = &mut self.refill;
            if (!first || r.raw_end == r.decoded) && !r.eof {
                if r.raw_end == r.len {
                    r.eof = true;
                } else {
                    r.raw_end = (r.decoded + RAW_BLOCK).min(r.len);
                }
            }
            first = false;
            self.decode_block()?;
            if self.refill.eof {
                self.refill.unread += 1;
                break;
            }
        }
        Ok(())
    }

    /// Decodes the characters of the raw buffer (kubectl's form) and refuses what
    /// go-yaml refuses.
    fn decode_block(&mut self) -> Result<()> {
        loop {
            let r = &self.refill;
            let pos = r.decode_pos;
            let (len, nlen, c) = if pos >= self.end {
                if self.virtual_nl && pos == self.end {
                    (1, 1, '\n')
                } else {
                    return Ok(());
                }
            } else if self.src[pos] == b'\r' && pos + 1 < self.end && self.src[pos + 1] == b'\n' {
                (2, 1, '\n')
            } else {
                let c = next_char(self.src, pos);
                (c.len_utf8(), c.len_utf8(), c)
            };
            if r.decoded + nlen > r.raw_end {
                return Ok(());
            }
            if refused_char(c) {
                return Err(Box::new(SyntaxError {
                    stage: Stage::Reader,
                    problem: "control characters are not allowed".to_owned(),
                    // go-yaml's reader errors carry no line (`message`); the byte is
                    // kept for the position shown to the user.
                    problem_mark: Mark {
                        pos,
                        ..Mark::default()
                    },
                    context_mark: Mark::default(),
                }));
            }
            let r = &mut self.refill;
            r.decode_pos += len;
            r.decoded += nlen;
            r.unread += 1;
        }
    }

    fn current_char(&self) -> Option<char> {
        let pos = self.mark.pos;
        (pos < self.end).then(|| next_char(self.src, pos))
    }

    /// go-yaml's `is_bom(buffer, pos)`, which tests the buffer's first bytes.
    fn buffer_starts_with_bom(&self) -> bool {
        self.refill.on && self.refill.bom_first
    }

    // ----------------------------------------------------------------------------
    // Errors.

    fn scanner_error(&mut self, context_mark: Mark, problem: &str) -> Box<SyntaxError> {
        let err = Box::new(SyntaxError {
            stage: Stage::Scanner,
            problem: problem.to_owned(),
            problem_mark: self.mark,
            context_mark,
        });
        self.error = Some(err.clone());
        err
    }

    fn fail<T>(&mut self, context_mark: Mark, problem: &str) -> Result<T> {
        Err(self.scanner_error(context_mark, problem))
    }

    // ----------------------------------------------------------------------------
    // The token queue.

    /// The next token, without consuming it (go-yaml's `peek_token`).
    pub fn peek(&mut self) -> Result<&Token> {
        if let Some(err) = &self.error {
            return Err(err.clone());
        }
        if !self.token_available
            && let Err(err) = self.fetch_more_tokens()
        {
            self.error = Some(err.clone());
            return Err(err);
        }
        match self.tokens.front() {
            Some(t) => Ok(t),
            None => Err(Box::new(SyntaxError {
                stage: Stage::Scanner,
                problem: "no more tokens".to_owned(),
                problem_mark: self.mark,
                context_mark: self.mark,
            })),
        }
    }

    /// Consumes the token [`Self::peek`] returned (go-yaml's `skip_token`).
    pub fn skip_token(&mut self) -> Option<Token> {
        self.token_available = false;
        self.tokens_parsed += 1;
        let token = self.tokens.pop_front();
        if token
            .as_ref()
            .is_some_and(|t| t.kind == TokenKind::StreamEnd)
        {
            self.stream_end_produced = true;
        }
        token
    }

    pub fn stream_end_produced(&self) -> bool {
        self.stream_end_produced
    }

    /// `yaml_insert_token`: at `pos` from the head, or at the end when `pos` < 0.
    fn insert_token(&mut self, pos: isize, token: Token) {
        match usize::try_from(pos) {
            Ok(p) if p <= self.tokens.len() => self.tokens.insert(p, token),
            _ => self.tokens.push_back(token),
        }
    }

    fn push_token(&mut self, token: Token) {
        self.tokens.push_back(token);
    }

    fn next_token_number(&self) -> usize {
        self.tokens_parsed + self.tokens.len()
    }

    fn fetch_more_tokens(&mut self) -> Result<()> {
        loop {
            if !self.tokens.is_empty() {
                let Some(index) = self.keys_by_tok.get(self.tokens_parsed) else {
                    break;
                };
                if !self.simple_key_is_valid(index)? {
                    break;
                }
            }
            self.fetch_next_token()?;
        }
        self.token_available = true;
        Ok(())
    }

    fn fetch_next_token(&mut self) -> Result<()> {
        self.cache(1)?;
        if !self.stream_start_produced {
            self.fetch_stream_start();
            return Ok(());
        }
        self.scan_to_next_token()?;
        self.unroll_indent(self.mark.column as isize);
        self.cache(4)?;
        if self.is_z(0) {
            return self.fetch_stream_end();
        }
        let c = self.at(0);
        if self.mark.column == 0 && c == b'%' {
            return self.fetch_directive();
        }
        if self.mark.column == 0
            && ((c == b'-' && self.at(1) == b'-' && self.at(2) == b'-')
                || (c == b'.' && self.at(1) == b'.' && self.at(2) == b'.'))
            && self.is_blankz(3)
        {
            let kind = if c == b'-' {
                TokenKind::DocumentStart
            } else {
                TokenKind::DocumentEnd
            };
            return self.fetch_document_indicator(kind);
        }
        match c {
            b'[' => return self.fetch_flow_collection_start(TokenKind::FlowSequenceStart),
            b'{' => return self.fetch_flow_collection_start(TokenKind::FlowMappingStart),
            b']' => return self.fetch_flow_collection_end(TokenKind::FlowSequenceEnd),
            b'}' => return self.fetch_flow_collection_end(TokenKind::FlowMappingEnd),
            b',' => return self.fetch_flow_entry(),
            _ => {}
        }
        if c == b'-' && self.is_blankz(1) {
            return self.fetch_block_entry();
        }
        if c == b'?' && (self.flow_level > 0 || self.is_blankz(1)) {
            return self.fetch_key();
        }
        if c == b':' && (self.flow_level > 0 || self.is_blankz(1)) {
            return self.fetch_value();
        }
        match c {
            b'*' => return self.fetch_anchor(TokenKind::Alias),
            b'&' => return self.fetch_anchor(TokenKind::Anchor),
            b'!' => return self.fetch_tag(),
            b'|' if self.flow_level == 0 => return self.fetch_block_scalar(true),
            b'>' if self.flow_level == 0 => return self.fetch_block_scalar(false),
            b'\'' => return self.fetch_flow_scalar(true),
            b'"' => return self.fetch_flow_scalar(false),
            _ => {}
        }
        let indicator = self.is_blankz(0)
            || matches!(
                c,
                b'-' | b'?'
                    | b':'
                    | b','
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'#'
                    | b'&'
                    | b'*'
                    | b'!'
                    | b'|'
                    | b'>'
                    | b'\''
                    | b'"'
                    | b'%'
                    | b'@'
                    | b'`'
            );
        if !indicator
            || (c == b'-' && !self.is_blank(1))
            || (self.flow_level == 0 && matches!(c, b'?' | b':') && !self.is_blankz(1))
        {
            return self.fetch_plain_scalar();
        }
        let mark = self.mark;
        self.fail(mark, "found character that cannot start any token")
    }

    // ----------------------------------------------------------------------------
    // Simple keys.

    /// `yaml_simple_key_is_valid`: a possible key stays one while the scanner is on
    /// its line and within 1024 characters of it.
    fn simple_key_is_valid(&mut self, index: usize) -> Result<bool> {
        let mark = self.mark;
        let Some(key) = self.simple_keys.get_mut(index) else {
            return Ok(false);
        };
        if !key.possible {
            return Ok(false);
        }
        if key.mark.line < mark.line || key.mark.index + 1024 < mark.index {
            if key.required {
                let context = key.mark;
                return self.fail(context, "could not find expected ':'");
            }
            key.possible = false;
            return Ok(false);
        }
        Ok(true)
    }

    fn save_simple_key(&mut self) -> Result<()> {
        let required = self.flow_level == 0 && self.indent == self.mark.column as isize;
        if self.simple_key_allowed {
            let key = SimpleKey {
                possible: true,
                required,
                token_number: self.next_token_number(),
                mark: self.mark,
            };
            self.remove_simple_key()?;
            let last = self.simple_keys.len() - 1;
            self.simple_keys[last] = key;
            self.keys_by_tok.insert(key.token_number, last);
        }
        Ok(())
    }

    fn remove_simple_key(&mut self) -> Result<()> {
        let last = self.simple_keys.len() - 1;
        let key = self.simple_keys[last];
        if key.possible {
            if key.required {
                return self.fail(key.mark, "could not find expected ':'");
            }
            self.simple_keys[last].possible = false;
            self.keys_by_tok.remove(key.token_number);
        }
        Ok(())
    }

    fn increase_flow_level(&mut self) -> Result<()> {
        self.simple_keys.push(SimpleKey {
            possible: false,
            required: false,
            token_number: self.next_token_number(),
            mark: self.mark,
        });
        self.flow_level += 1;
        if self.flow_level > MAX_DEPTH {
            let mark = self.mark;
            return self.fail(mark, "exceeded max depth of 10000");
        }
        Ok(())
    }

    fn decrease_flow_level(&mut self) {
        if self.flow_level > 0 {
            self.flow_level -= 1;
            if let Some(key) = self.simple_keys.pop() {
                self.keys_by_tok.remove(key.token_number);
            }
        }
    }

    /// `yaml_parser_roll_indent`: in block context, a deeper column opens a block
    /// collection (its start token inserted at `number`, a token number, or at the
    /// end).
    fn roll_indent(
        &mut self,
        column: usize,
        number: Option<usize>,
        kind: TokenKind,
        mark: Mark,
    ) -> Result<()> {
        if self.flow_level > 0 {
            return Ok(());
        }
        if self.indent < column as isize {
            self.indents.push(self.indent);
            self.indent = column as isize;
            if self.indents.len() > MAX_DEPTH {
                let context = self.simple_keys.last().map(|k| k.mark).unwrap_or_default();
                return self.fail(context, "exceeded max depth of 10000");
            }
            let token = Token::bare(kind, mark, mark);
            match number {
                Some(n) => {
                    let pos = n as isize - self.tokens_parsed as isize;
                    self.insert_token(pos, token);
                }
                None => self.push_token(token),
            }
        }
        Ok(())
    }

    fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            let mark = self.mark;
            self.push_token(Token::bare(TokenKind::BlockEnd, mark, mark));
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    // ----------------------------------------------------------------------------
    // Fetching tokens.

    fn fetch_stream_start(&mut self) {
        self.indent = -1;
        self.simple_keys.push(SimpleKey::default());
        self.simple_key_allowed = true;
        self.stream_start_produced = true;
        let mark = self.mark;
        self.push_token(Token::bare(TokenKind::StreamStart, mark, mark));
    }

    fn fetch_stream_end(&mut self) -> Result<()> {
        if self.mark.column != 0 {
            self.mark.column = 0;
            self.mark.line += 1;
        }
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let mark = self.mark;
        self.push_token(Token::bare(TokenKind::StreamEnd, mark, mark));
        Ok(())
    }

    fn fetch_directive(&mut self) -> Result<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_directive()?;
        self.push_token(token);
        Ok(())
    }

    fn fetch_document_indicator(&mut self, kind: TokenKind) -> Result<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.mark;
        self.skip();
        self.skip();
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(kind, start, end));
        Ok(())
    }

    fn fetch_flow_collection_start(&mut self, kind: TokenKind) -> Result<()> {
        self.save_simple_key()?;
        self.increase_flow_level()?;
        self.simple_key_allowed = true;
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(kind, start, end));
        Ok(())
    }

    fn fetch_flow_collection_end(&mut self, kind: TokenKind) -> Result<()> {
        self.remove_simple_key()?;
        self.decrease_flow_level();
        self.simple_key_allowed = false;
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(kind, start, end));
        Ok(())
    }

    fn fetch_flow_entry(&mut self) -> Result<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(TokenKind::FlowEntry, start, end));
        Ok(())
    }

    fn fetch_block_entry(&mut self) -> Result<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                let mark = self.mark;
                return self.fail(
                    mark,
                    "block sequence entries are not allowed in this context",
                );
            }
            let (column, mark) = (self.mark.column, self.mark);
            self.roll_indent(column, None, TokenKind::BlockSequenceStart, mark)?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(TokenKind::BlockEntry, start, end));
        Ok(())
    }

    fn fetch_key(&mut self) -> Result<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                let mark = self.mark;
                return self.fail(mark, "mapping keys are not allowed in this context");
            }
            let (column, mark) = (self.mark.column, self.mark);
            self.roll_indent(column, None, TokenKind::BlockMappingStart, mark)?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = self.flow_level == 0;
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(TokenKind::Key, start, end));
        Ok(())
    }

    fn fetch_value(&mut self) -> Result<()> {
        let last = self.simple_keys.len() - 1;
        if self.simple_key_is_valid(last)? {
            let key = self.simple_keys[last];
            let token = Token::bare(TokenKind::Key, key.mark, key.mark);
            let pos = key.token_number as isize - self.tokens_parsed as isize;
            self.insert_token(pos, token);
            self.roll_indent(
                key.mark.column,
                Some(key.token_number),
                TokenKind::BlockMappingStart,
                key.mark,
            )?;
            self.simple_keys[last].possible = false;
            self.keys_by_tok.remove(key.token_number);
            self.simple_key_allowed = false;
        } else {
            if self.flow_level == 0 {
                if !self.simple_key_allowed {
                    let mark = self.mark;
                    return self.fail(mark, "mapping values are not allowed in this context");
                }
                let (column, mark) = (self.mark.column, self.mark);
                self.roll_indent(column, None, TokenKind::BlockMappingStart, mark)?;
            }
            self.simple_key_allowed = self.flow_level == 0;
        }
        let start = self.mark;
        self.skip();
        let end = self.mark;
        self.push_token(Token::bare(TokenKind::Value, start, end));
        Ok(())
    }

    fn fetch_anchor(&mut self, kind: TokenKind) -> Result<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_anchor(kind)?;
        self.push_token(token);
        Ok(())
    }

    fn fetch_tag(&mut self) -> Result<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_tag()?;
        self.push_token(token);
        Ok(())
    }

    fn fetch_block_scalar(&mut self, literal: bool) -> Result<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        let token = self.scan_block_scalar(literal)?;
        self.push_token(token);
        Ok(())
    }

    fn fetch_flow_scalar(&mut self, single: bool) -> Result<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_flow_scalar(single)?;
        self.push_token(token);
        Ok(())
    }

    fn fetch_plain_scalar(&mut self) -> Result<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_plain_scalar()?;
        self.push_token(token);
        Ok(())
    }

    // ----------------------------------------------------------------------------
    // Scanning.

    fn scan_to_next_token(&mut self) -> Result<()> {
        loop {
            self.cache(1)?;
            if self.mark.column == 0 && self.buffer_starts_with_bom() {
                self.skip();
            }
            self.cache(1)?;
            while self.at(0) == b' '
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.at(0) == b'\t')
            {
                self.skip();
                self.cache(1)?;
            }
            if self.at(0) == b'#' {
                while !self.is_breakz(0) {
                    self.skip();
                    self.cache(1)?;
                }
            }
            if self.is_break(0) {
                self.cache(2)?;
                self.skip_line();
                if self.flow_level == 0 {
                    self.simple_key_allowed = true;
                }
            } else {
                return Ok(());
            }
        }
    }

    fn skip_blanks_and_comment(&mut self) -> Result<()> {
        self.cache(1)?;
        while self.is_blank(0) {
            self.skip();
            self.cache(1)?;
        }
        if self.at(0) == b'#' {
            while !self.is_breakz(0) {
                self.skip();
                self.cache(1)?;
            }
        }
        Ok(())
    }

    fn scan_directive(&mut self) -> Result<Token> {
        let start = self.mark;
        self.skip();
        let name = self.scan_directive_name(start)?;
        let data = match name.as_str() {
            "YAML" => {
                let (major, minor) = self.scan_version_directive_value(start)?;
                TokenData::Version(major, minor)
            }
            "TAG" => {
                let (handle, prefix) = self.scan_tag_directive_value(start)?;
                TokenData::TagDirective { handle, prefix }
            }
            _ => return self.fail(start, "found unknown directive name"),
        };
        let end = self.mark;
        let kind = match data {
            TokenData::Version(..) => TokenKind::VersionDirective,
            _ => TokenKind::TagDirective,
        };
        self.skip_blanks_and_comment()?;
        if !self.is_breakz(0) {
            return self.fail(start, "did not find expected comment or line break");
        }
        if self.is_break(0) {
            self.cache(2)?;
            self.skip_line();
        }
        Ok(Token {
            kind,
            start,
            end,
            data,
        })
    }

    fn scan_directive_name(&mut self, start: Mark) -> Result<String> {
        self.cache(1)?;
        let mut s = String::new();
        while self.is_alpha(0) {
            self.read(&mut s);
            self.cache(1)?;
        }
        if s.is_empty() {
            return self.fail(start, "could not find expected directive name");
        }
        if !self.is_blankz(0) {
            return self.fail(start, "found unexpected non-alphabetical character");
        }
        Ok(s)
    }

    fn scan_version_directive_value(&mut self, start: Mark) -> Result<(u8, u8)> {
        self.cache(1)?;
        while self.is_blank(0) {
            self.skip();
            self.cache(1)?;
        }
        let major = self.scan_version_directive_number(start)?;
        if self.at(0) != b'.' {
            return self.fail(start, "did not find expected digit or '.' character");
        }
        self.skip();
        let minor = self.scan_version_directive_number(start)?;
        Ok((major, minor))
    }

    fn scan_version_directive_number(&mut self, start: Mark) -> Result<u8> {
        self.cache(1)?;
        let mut value: u8 = 0;
        let mut length = 0;
        while self.at(0).is_ascii_digit() {
            length += 1;
            if length > 2 {
                return self.fail(start, "found extremely long version number");
            }
            value = value * 10 + (self.at(0) - b'0');
            self.skip();
            self.cache(1)?;
        }
        if length == 0 {
            return self.fail(start, "did not find expected version number");
        }
        Ok(value)
    }

    fn scan_tag_directive_value(&mut self, start: Mark) -> Result<(String, String)> {
        self.cache(1)?;
        while self.is_blank(0) {
            self.skip();
            self.cache(1)?;
        }
        let handle = self.scan_tag_handle(true, start)?;
        self.cache(1)?;
        if !self.is_blank(0) {
            return self.fail(start, "did not find expected whitespace");
        }
        while self.is_blank(0) {
            self.skip();
            self.cache(1)?;
        }
        let prefix = self.scan_tag_uri(true, None, start)?;
        self.cache(1)?;
        if !self.is_blankz(0) {
            return self.fail(start, "did not find expected whitespace or line break");
        }
        Ok((handle, prefix))
    }

    fn scan_anchor(&mut self, kind: TokenKind) -> Result<Token> {
        let start = self.mark;
        self.skip();
        self.cache(1)?;
        let name_start = self.mark.pos;
        while self.is_alpha(0) {
            self.skip();
            self.cache(1)?;
        }
        let end = self.mark;
        let empty = end.pos == name_start;
        if empty
            || !(self.is_blankz(0)
                || matches!(
                    self.at(0),
                    b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'
                ))
        {
            return self.fail(
                start,
                "did not find expected alphabetic or numeric character",
            );
        }
        Ok(Token {
            kind,
            start,
            end,
            data: TokenData::Name(name_start, end.pos),
        })
    }

    fn scan_tag(&mut self) -> Result<Token> {
        let start = self.mark;
        self.cache(2)?;
        let (handle, suffix);
        if self.at(1) == b'<' {
            self.skip();
            self.skip();
            suffix = self.scan_tag_uri(false, None, start)?;
            if self.at(0) != b'>' {
                return self.fail(start, "did not find the expected '>'");
            }
            self.skip();
            handle = String::new();
        } else {
            let h = self.scan_tag_handle(false, start)?;
            if h.len() > 1 && h.starts_with('!') && h.ends_with('!') {
                handle = h;
                suffix = self.scan_tag_uri(false, None, start)?;
            } else {
                let s = self.scan_tag_uri(false, Some(&h), start)?;
                if s.is_empty() {
                    handle = String::new();
                    suffix = "!".to_owned();
                } else {
                    handle = "!".to_owned();
                    suffix = s;
                }
            }
        }
        self.cache(1)?;
        if !self.is_blankz(0) {
            return self.fail(start, "did not find expected whitespace or line break");
        }
        let end = self.mark;
        Ok(Token {
            kind: TokenKind::Tag,
            start,
            end,
            data: TokenData::Tag { handle, suffix },
        })
    }

    fn scan_tag_handle(&mut self, directive: bool, start: Mark) -> Result<String> {
        self.cache(1)?;
        if self.at(0) != b'!' {
            return self.fail(start, "did not find expected '!'");
        }
        let mut s = String::new();
        self.read(&mut s);
        self.cache(1)?;
        while self.is_alpha(0) {
            self.read(&mut s);
            self.cache(1)?;
        }
        if self.at(0) == b'!' {
            self.read(&mut s);
        } else if directive && s != "!" {
            return self.fail(start, "did not find expected '!'");
        }
        Ok(s)
    }

    /// `yaml_parser_scan_tag_uri`; `head` is a handle already read (its `!` is
    /// dropped) for a tag like `!foo`.
    fn scan_tag_uri(&mut self, directive: bool, head: Option<&str>, start: Mark) -> Result<String> {
        let mut s = String::new();
        let mut has_tag = head.is_some_and(|h| !h.is_empty());
        if let Some(h) = head.filter(|h| h.len() > 1) {
            s.push_str(&h[1..]);
        }
        self.cache(1)?;
        let mut bytes: Vec<u8> = Vec::new();
        loop {
            let c = self.at(0);
            let uri = self.is_alpha(0)
                || matches!(
                    c,
                    b';' | b'/'
                        | b'?'
                        | b':'
                        | b'@'
                        | b'&'
                        | b'='
                        | b'+'
                        | b'$'
                        | b','
                        | b'.'
                        | b'!'
                        | b'~'
                        | b'*'
                        | b'\''
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'%'
                );
            if !uri {
                break;
            }
            if c == b'%' {
                self.scan_uri_escapes(directive, start, &mut bytes)?;
            } else {
                bytes.push(c);
                self.skip();
            }
            self.cache(1)?;
            has_tag = true;
        }
        if !has_tag {
            return self.fail(start, "did not find expected tag URI");
        }
        s.push_str(&String::from_utf8_lossy(&bytes));
        Ok(s)
    }

    fn scan_uri_escapes(&mut self, _directive: bool, start: Mark, s: &mut Vec<u8>) -> Result<()> {
        let mut w = 1024;
        while w > 0 {
            self.cache(3)?;
            if !(self.at(0) == b'%' && self.is_hex(1) && self.is_hex(2)) {
                return self.fail(start, "did not find URI escaped octet");
            }
            let octet = (self.as_hex(1) << 4 | self.as_hex(2)) as u8;
            if w == 1024 {
                w = match octet {
                    b if b & 0x80 == 0 => 1,
                    b if b & 0xE0 == 0xC0 => 2,
                    b if b & 0xF0 == 0xE0 => 3,
                    b if b & 0xF8 == 0xF0 => 4,
                    _ => 0,
                };
                if w == 0 {
                    return self.fail(start, "found an incorrect leading UTF-8 octet");
                }
            } else if octet & 0xC0 != 0x80 {
                return self.fail(start, "found an incorrect trailing UTF-8 octet");
            }
            s.push(octet);
            self.skip();
            self.skip();
            self.skip();
            w -= 1;
        }
        Ok(())
    }

    fn scan_block_scalar(&mut self, literal: bool) -> Result<Token> {
        let start = self.mark;
        self.skip();
        self.cache(1)?;
        let mut chomping = 0i8;
        let mut increment = 0usize;
        if matches!(self.at(0), b'+' | b'-') {
            chomping = if self.at(0) == b'+' { 1 } else { -1 };
            self.skip();
            self.cache(1)?;
            if self.at(0).is_ascii_digit() {
                if self.at(0) == b'0' {
                    return self.fail(start, "found an indentation indicator equal to 0");
                }
                increment = usize::from(self.at(0) - b'0');
                self.skip();
            }
        } else if self.at(0).is_ascii_digit() {
            if self.at(0) == b'0' {
                return self.fail(start, "found an indentation indicator equal to 0");
            }
            increment = usize::from(self.at(0) - b'0');
            self.skip();
            self.cache(1)?;
            if matches!(self.at(0), b'+' | b'-') {
                chomping = if self.at(0) == b'+' { 1 } else { -1 };
                self.skip();
            }
        }
        self.skip_blanks_and_comment()?;
        if !self.is_breakz(0) {
            return self.fail(start, "did not find expected comment or line break");
        }
        if self.is_break(0) {
            self.cache(2)?;
            self.skip_line();
        }
        let mut end = self.mark;
        let mut indent = 0usize;
        if increment > 0 {
            indent = if self.indent >= 0 {
                self.indent as usize + increment
            } else {
                increment
            };
        }
        let mut s = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start, &mut end)?;
        self.cache(1)?;
        let mut leading_blank = false;
        while self.mark.column == indent && !self.is_z(0) {
            let trailing_blank = self.is_blank(0);
            if !literal && !leading_blank && !trailing_blank && leading_break.starts_with('\n') {
                if trailing_breaks.is_empty() {
                    s.push(' ');
                }
            } else {
                s.push_str(&leading_break);
            }
            leading_break.clear();
            s.push_str(&trailing_breaks);
            trailing_breaks.clear();
            leading_blank = self.is_blank(0);
            if !self.refill.on {
                let from = self.mark.pos;
                let to = self.run_end(|b| !matches!(b, b'\r' | b'\n' | 0xC2 | 0xE2));
                self.skip_run(to);
                s.push_str(std::str::from_utf8(&self.src[from..to]).unwrap_or_default());
            }
            while !self.is_breakz(0) {
                self.read(&mut s);
                self.cache(1)?;
            }
            self.cache(2)?;
            self.read_line(&mut leading_break);
            self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start, &mut end)?;
        }
        if chomping != -1 {
            s.push_str(&leading_break);
        }
        if chomping == 1 {
            s.push_str(&trailing_breaks);
        }
        Ok(Token {
            kind: TokenKind::Scalar,
            start,
            end,
            data: TokenData::Scalar {
                text: Text::Owned(s),
                style: if literal {
                    Style::Literal
                } else {
                    Style::Folded
                },
            },
        })
    }

    fn scan_block_scalar_breaks(
        &mut self,
        indent: &mut usize,
        breaks: &mut String,
        start: Mark,
        end: &mut Mark,
    ) -> Result<()> {
        *end = self.mark;
        let mut max_indent = 0;
        loop {
            self.cache(1)?;
            while (*indent == 0 || self.mark.column < *indent) && self.at(0) == b' ' {
                self.skip();
                self.cache(1)?;
            }
            if self.mark.column > max_indent {
                max_indent = self.mark.column;
            }
            if (*indent == 0 || self.mark.column < *indent) && self.at(0) == b'\t' {
                return self.fail(
                    start,
                    "found a tab character where an indentation space is expected",
                );
            }
            if !self.is_break(0) {
                break;
            }
            self.cache(2)?;
            self.read_line(breaks);
            *end = self.mark;
        }
        if *indent == 0 {
            *indent = max_indent;
            let min = (self.indent + 1).max(1) as usize;
            if *indent < min {
                *indent = min;
            }
        }
        Ok(())
    }

    fn scan_flow_scalar(&mut self, single: bool) -> Result<Token> {
        let start = self.mark;
        self.skip();
        let mut out = TextBuf::new(self.mark.pos);
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = TextBuf::new(self.mark.pos);
        loop {
            self.cache(4)?;
            if self.mark.column == 0
                && ((self.at(0) == b'-' && self.at(1) == b'-' && self.at(2) == b'-')
                    || (self.at(0) == b'.' && self.at(1) == b'.' && self.at(2) == b'.'))
                && self.is_blankz(3)
            {
                return self.fail(start, "found unexpected document indicator");
            }
            if self.is_z(0) {
                return self.fail(start, "found unexpected end of stream");
            }
            let mut leading_blanks = false;
            while !self.is_blankz(0) {
                let c = self.at(0);
                if single && c == b'\'' && self.at(1) == b'\'' {
                    out.own(self.src);
                    out.push('\'');
                    self.skip();
                    self.skip();
                } else if (single && c == b'\'') || (!single && c == b'"') {
                    break;
                } else if !single && c == b'\\' && self.is_break(1) {
                    self.cache(3)?;
                    self.skip();
                    self.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && c == b'\\' {
                    out.own(self.src);
                    let mut code_length = 0;
                    match self.at(1) {
                        b'0' => out.push('\0'),
                        b'a' => out.push('\x07'),
                        b'b' => out.push('\x08'),
                        b't' | b'\t' => out.push('\t'),
                        b'n' => out.push('\n'),
                        b'v' => out.push('\x0B'),
                        b'f' => out.push('\x0C'),
                        b'r' => out.push('\r'),
                        b'e' => out.push('\x1B'),
                        b' ' => out.push(' '),
                        b'"' => out.push('"'),
                        b'\'' => out.push('\''),
                        b'\\' => out.push('\\'),
                        b'N' => out.push('\u{85}'),
                        b'_' => out.push('\u{A0}'),
                        b'L' => out.push('\u{2028}'),
                        b'P' => out.push('\u{2029}'),
                        b'x' => code_length = 2,
                        b'u' => code_length = 4,
                        b'U' => code_length = 8,
                        _ => return self.fail(start, "found unknown escape character"),
                    }
                    self.skip();
                    self.skip();
                    if code_length > 0 {
                        self.cache(code_length)?;
                        let mut value: u32 = 0;
                        for k in 0..code_length {
                            if !self.is_hex(k) {
                                return self.fail(start, "did not find expected hexdecimal number");
                            }
                            value = (value << 4) + self.as_hex(k);
                        }
                        match char::from_u32(value) {
                            Some(ch) => out.push(ch),
                            None => {
                                return self
                                    .fail(start, "found invalid Unicode character escape code");
                            }
                        }
                        for _ in 0..code_length {
                            self.skip();
                        }
                    }
                } else {
                    let from = self.mark.pos;
                    self.skip();
                    if !self.refill.on {
                        let to = self.run_end(|b| {
                            !matches!(
                                b,
                                b' ' | b'\t' | b'\r' | b'\n' | b'\'' | b'"' | b'\\' | 0xC2 | 0xE2
                            )
                        });
                        self.skip_run(to);
                    }
                    out.extend(self.src, from, self.mark.pos);
                }
                self.cache(2)?;
            }
            self.cache(1)?;
            if (single && self.at(0) == b'\'') || (!single && self.at(0) == b'"') {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if !leading_blanks {
                        let from = self.mark.pos;
                        self.skip();
                        whitespaces.extend(self.src, from, self.mark.pos);
                    } else {
                        self.skip();
                    }
                } else {
                    self.cache(2)?;
                    if !leading_blanks {
                        whitespaces.clear(self.mark.pos);
                        self.read_line(&mut leading_break);
                        leading_blanks = true;
                    } else {
                        self.read_line(&mut trailing_breaks);
                    }
                }
                self.cache(1)?;
            }
            if leading_blanks {
                out.own(self.src);
                if leading_break.starts_with('\n') {
                    if trailing_breaks.is_empty() {
                        out.push(' ');
                    } else {
                        out.push_str(&trailing_breaks);
                    }
                } else {
                    out.push_str(&leading_break);
                    out.push_str(&trailing_breaks);
                }
                trailing_breaks.clear();
                leading_break.clear();
            } else {
                out.append(self.src, &whitespaces);
                whitespaces.clear(self.mark.pos);
            }
        }
        self.skip();
        let end = self.mark;
        Ok(Token {
            kind: TokenKind::Scalar,
            start,
            end,
            data: TokenData::Scalar {
                text: out.finish(),
                style: if single {
                    Style::SingleQuoted
                } else {
                    Style::DoubleQuoted
                },
            },
        })
    }

    fn scan_plain_scalar(&mut self) -> Result<Token> {
        let mut out = TextBuf::new(self.mark.pos);
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = TextBuf::new(self.mark.pos);
        let mut leading_blanks = false;
        let indent = self.indent + 1;
        let start = self.mark;
        let mut end = self.mark;
        loop {
            self.cache(4)?;
            if self.mark.column == 0
                && ((self.at(0) == b'-' && self.at(1) == b'-' && self.at(2) == b'-')
                    || (self.at(0) == b'.' && self.at(1) == b'.' && self.at(2) == b'.'))
                && self.is_blankz(3)
            {
                break;
            }
            if self.at(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                if (c == b':' && self.is_blankz(1))
                    || (self.flow_level > 0 && matches!(c, b',' | b'?' | b'[' | b']' | b'{' | b'}'))
                {
                    break;
                }
                if leading_blanks || !whitespaces.is_empty() {
                    if leading_blanks {
                        out.own(self.src);
                        if leading_break.starts_with('\n') {
                            if trailing_breaks.is_empty() {
                                out.push(' ');
                            } else {
                                out.push_str(&trailing_breaks);
                            }
                        } else {
                            out.push_str(&leading_break);
                            out.push_str(&trailing_breaks);
                        }
                        trailing_breaks.clear();
                        leading_break.clear();
                        leading_blanks = false;
                    } else {
                        out.append(self.src, &whitespaces);
                        whitespaces.clear(self.mark.pos);
                    }
                }
                let from = self.mark.pos;
                self.skip();
                if !self.refill.on {
                    // The rest of the word: printable ASCII that ends nothing.
                    let flow = self.flow_level > 0;
                    let to = self.run_end(|b| {
                        (0x21..0x7F).contains(&b)
                            && b != b':'
                            && !(flow && matches!(b, b',' | b'?' | b'[' | b']' | b'{' | b'}'))
                    });
                    self.skip_run(to);
                }
                out.extend(self.src, from, self.mark.pos);
                end = self.mark;
                self.cache(2)?;
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            self.cache(1)?;
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    if leading_blanks && (self.mark.column as isize) < indent && self.at(0) == b'\t'
                    {
                        return self.fail(start, "found a tab character that violates indentation");
                    }
                    if !leading_blanks {
                        let from = self.mark.pos;
                        self.skip();
                        whitespaces.extend(self.src, from, self.mark.pos);
                    } else {
                        self.skip();
                    }
                } else {
                    self.cache(2)?;
                    if !leading_blanks {
                        whitespaces.clear(self.mark.pos);
                        self.read_line(&mut leading_break);
                        leading_blanks = true;
                    } else {
                        self.read_line(&mut trailing_breaks);
                    }
                }
                self.cache(1)?;
            }
            if self.flow_level == 0 && (self.mark.column as isize) < indent {
                break;
            }
        }
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(Token {
            kind: TokenKind::Scalar,
            start,
            end,
            data: TokenData::Scalar {
                text: out.finish(),
                style: Style::Plain,
            },
        })
    }
}

/// Whether a chunk (past a leading byte order mark) holds a byte order mark or a
/// character go-yaml refuses: only then does go-yaml's buffering show.
fn needs_emulation(body: &[u8]) -> bool {
    // Most chunks are printable ASCII and line feeds: checked 32 bytes at a time.
    let plain = |b: u8| (0x20..0x7F).contains(&b) || b == b'\n';
    let mut blocks = body.chunks_exact(32);
    let mut all_plain = true;
    for block in &mut blocks {
        if !block.iter().fold(true, |ok, &b| ok & plain(b)) {
            all_plain = false;
            break;
        }
    }
    if all_plain && blocks.remainder().iter().all(|&b| plain(b)) {
        return false;
    }
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if (0x20..0x7F).contains(&b) || b == b'\n' {
            i += 1;
            continue;
        }
        if b < 0x80 {
            if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F {
                return true;
            }
            i += 1;
            continue;
        }
        match (b, body.get(i + 1).copied(), body.get(i + 2).copied()) {
            // C1 controls but NEL.
            (0xC2, Some(c), _) if (0x80..=0x9F).contains(&c) && c != 0x85 => return true,
            // U+FEFF, U+FFFE, U+FFFF.
            (0xEF, Some(0xBB), Some(0xBF)) | (0xEF, Some(0xBF), Some(0xBE | 0xBF)) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// The character at byte `pos` of `src` (a character boundary of valid UTF-8).
#[inline]
pub(crate) fn next_char(src: &[u8], pos: usize) -> char {
    let b = src[pos];
    if b < 0x80 {
        return char::from(b);
    }
    let len = if b & 0xE0 == 0xC0 {
        2
    } else if b & 0xF0 == 0xE0 {
        3
    } else {
        4
    };
    std::str::from_utf8(&src[pos..(pos + len).min(src.len())])
        .ok()
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{FFFD}')
}

/// A scalar's text while it is scanned: a range of the input as long as the text is
/// the input as written, an owned string from the first escape or fold on.
#[derive(Debug)]
struct TextBuf {
    start: usize,
    end: usize,
    owned: Option<String>,
}

impl TextBuf {
    fn new(at: usize) -> TextBuf {
        TextBuf {
            start: at,
            end: at,
            owned: None,
        }
    }

    fn is_empty(&self) -> bool {
        match &self.owned {
            Some(s) => s.is_empty(),
            None => self.start == self.end,
        }
    }

    fn clear(&mut self, at: usize) {
        match &mut self.owned {
            Some(s) => s.clear(),
            None => {
                self.start = at;
                self.end = at;
            }
        }
    }

    /// Switches to an owned string (before text that is not the input's).
    fn own(&mut self, src: &[u8]) {
        if self.owned.is_none() {
            let s = std::str::from_utf8(&src[self.start..self.end]).unwrap_or_default();
            self.owned = Some(s.to_owned());
        }
    }

    fn push(&mut self, c: char) {
        if let Some(s) = &mut self.owned {
            s.push(c);
        }
    }

    fn push_str(&mut self, t: &str) {
        if let Some(s) = &mut self.owned {
            s.push_str(t);
        }
    }

    /// Appends the input `from..to` (a CR LF pair in it is one `\n`).
    fn extend(&mut self, src: &[u8], from: usize, to: usize) {
        match &mut self.owned {
            Some(s) => {
                let piece = std::str::from_utf8(&src[from..to.min(src.len())]).unwrap_or_default();
                s.push_str(piece);
            }
            None if self.start == self.end => {
                self.start = from;
                self.end = to;
            }
            None if self.end == from => self.end = to,
            None => {
                // Not contiguous: own what is there, then append.
                self.own(src);
                self.extend(src, from, to);
            }
        }
    }

    /// Appends another buffer's text.
    fn append(&mut self, src: &[u8], other: &TextBuf) {
        match &other.owned {
            Some(t) => {
                self.own(src);
                self.push_str(t);
            }
            None if other.start != other.end => self.extend(src, other.start, other.end),
            None => {}
        }
    }

    fn finish(self) -> Text {
        match self.owned {
            Some(s) => Text::Owned(s),
            None => Text::Slice(self.start, self.end),
        }
    }
}
