//! go-yaml v2.4.0's parser (`parserc.go`): tokens → events, with its exact errors.
//!
//! Written after reading go-yaml's parser, a state machine with an explicit stack of
//! states (so nesting costs heap, not call stack). Its errors keep go-yaml's marks:
//! the problem's mark is a token's start, which go-yaml then reports 0-based (see
//! [`SyntaxError::message`]).
//!
//! This event layer is separate from the tree builder (`tree.rs`): a consumer can
//! take events one at a time and keep only what it needs.

use super::scan::{
    Mark, Result, Scanner, Stage, Style, SyntaxError, Text, Token, TokenData, TokenKind,
};

/// What an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EventKind {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias,
    Scalar,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
}

/// One parser event (go-yaml's `yaml_event_t`, what the decoder needs of it).
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub kind: EventKind,
    /// Where the node starts, its anchor or tag included (go-yaml's start mark).
    pub start: Mark,
    /// Where its content starts (the scalar, `[`, `{`, `-`, or the first key).
    pub content: Mark,
    pub end: Mark,
    /// An anchor's name, or an alias's: a range of the input.
    pub anchor: Option<(usize, usize)>,
    /// The resolved tag (`tag:yaml.org,2002:str` for `!!str`), and where it is written.
    pub tag: Option<String>,
    pub tag_at: Option<Mark>,
    /// A scalar's text and style.
    pub text: Text,
    pub style: Style,
    /// go-yaml's `implicit` of a scalar: plain and untagged, or tagged `!`.
    pub implicit: bool,
    /// A flow collection (`[…]`, `{…}`).
    pub flow: bool,
    /// A document start or end written as `---` / `...`.
    pub explicit: bool,
}

impl Event {
    fn new(kind: EventKind, start: Mark, end: Mark) -> Event {
        Event {
            kind,
            start,
            content: start,
            end,
            anchor: None,
            tag: None,
            tag_at: None,
            text: Text::Slice(start.pos, start.pos),
            style: Style::Plain,
            implicit: false,
            flow: false,
            explicit: false,
        }
    }

    /// go-yaml's empty scalar (`yaml_parser_process_empty_scalar`).
    fn empty_scalar(mark: Mark) -> Event {
        let mut e = Event::new(EventKind::Scalar, mark, mark);
        e.implicit = true;
        e
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StreamStart,
    ImplicitDocumentStart,
    DocumentStart,
    DocumentContent,
    DocumentEnd,
    BlockNode,
    BlockSequenceFirstEntry,
    BlockSequenceEntry,
    IndentlessSequenceEntry,
    BlockMappingFirstKey,
    BlockMappingKey,
    BlockMappingValue,
    FlowSequenceFirstEntry,
    FlowSequenceEntry,
    FlowSequenceEntryMappingKey,
    FlowSequenceEntryMappingValue,
    FlowSequenceEntryMappingEnd,
    FlowMappingFirstKey,
    FlowMappingKey,
    FlowMappingValue,
    FlowMappingEmptyValue,
    End,
}

/// The parser of one chunk.
pub(crate) struct Parser<'a> {
    scanner: Scanner<'a>,
    state: State,
    states: Vec<State>,
    marks: Vec<Mark>,
    tag_directives: Vec<(String, String)>,
    error: Option<Box<SyntaxError>>,
}

const DEFAULT_TAGS: [(&str, &str); 2] = [("!", "!"), ("!!", "tag:yaml.org,2002:")];

impl<'a> Parser<'a> {
    pub fn new(scanner: Scanner<'a>) -> Parser<'a> {
        Parser {
            scanner,
            state: State::StreamStart,
            states: Vec::new(),
            marks: Vec::new(),
            tag_directives: Vec::new(),
            error: None,
        }
    }

    /// The next event; `None` after the stream's end.
    pub fn next_event(&mut self) -> Result<Option<Event>> {
        if let Some(err) = &self.error {
            return Err(err.clone());
        }
        if self.scanner.stream_end_produced() || self.state == State::End {
            return Ok(None);
        }
        match self.state_machine() {
            Ok(e) => Ok(Some(e)),
            Err(err) => {
                self.error = Some(err.clone());
                Err(err)
            }
        }
    }

    fn pop_state(&mut self) {
        self.state = self.states.pop().unwrap_or(State::End);
    }

    fn peek_kind(&mut self) -> Result<TokenKind> {
        Ok(self.scanner.peek()?.kind)
    }

    fn peek_marks(&mut self) -> Result<(TokenKind, Mark, Mark)> {
        let t = self.scanner.peek()?;
        Ok((t.kind, t.start, t.end))
    }

    fn error(&self, problem: &str, problem_mark: Mark, context_mark: Mark) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            stage: Stage::Parser,
            problem: problem.to_owned(),
            problem_mark,
            context_mark,
        })
    }

    fn state_machine(&mut self) -> Result<Event> {
        match self.state {
            State::StreamStart => self.parse_stream_start(),
            State::ImplicitDocumentStart => self.parse_document_start(true),
            State::DocumentStart => self.parse_document_start(false),
            State::DocumentContent => self.parse_document_content(),
            State::DocumentEnd => self.parse_document_end(),
            State::BlockNode => self.parse_node(true, false),
            State::BlockSequenceFirstEntry => self.parse_block_sequence_entry(true),
            State::BlockSequenceEntry => self.parse_block_sequence_entry(false),
            State::IndentlessSequenceEntry => self.parse_indentless_sequence_entry(),
            State::BlockMappingFirstKey => self.parse_block_mapping_key(true),
            State::BlockMappingKey => self.parse_block_mapping_key(false),
            State::BlockMappingValue => self.parse_block_mapping_value(),
            State::FlowSequenceFirstEntry => self.parse_flow_sequence_entry(true),
            State::FlowSequenceEntry => self.parse_flow_sequence_entry(false),
            State::FlowSequenceEntryMappingKey => self.parse_flow_sequence_entry_mapping_key(),
            State::FlowSequenceEntryMappingValue => self.parse_flow_sequence_entry_mapping_value(),
            State::FlowSequenceEntryMappingEnd => self.parse_flow_sequence_entry_mapping_end(),
            State::FlowMappingFirstKey => self.parse_flow_mapping_key(true),
            State::FlowMappingKey => self.parse_flow_mapping_key(false),
            State::FlowMappingValue => self.parse_flow_mapping_value(false),
            State::FlowMappingEmptyValue => self.parse_flow_mapping_value(true),
            State::End => Err(self.error("no more events", Mark::default(), Mark::default())),
        }
    }

    fn parse_stream_start(&mut self) -> Result<Event> {
        let (kind, start, end) = self.peek_marks()?;
        if kind != TokenKind::StreamStart {
            return Err(self.error(
                "did not find expected <stream-start>",
                start,
                Mark::default(),
            ));
        }
        self.state = State::ImplicitDocumentStart;
        self.scanner.skip_token();
        Ok(Event::new(EventKind::StreamStart, start, end))
    }

    fn parse_document_start(&mut self, implicit: bool) -> Result<Event> {
        let mut kind = self.peek_kind()?;
        if !implicit {
            while kind == TokenKind::DocumentEnd {
                self.scanner.skip_token();
                kind = self.peek_kind()?;
            }
        }
        let (_, start, end) = self.peek_marks()?;
        if implicit
            && !matches!(
                kind,
                TokenKind::VersionDirective
                    | TokenKind::TagDirective
                    | TokenKind::DocumentStart
                    | TokenKind::StreamEnd
            )
        {
            self.process_directives()?;
            self.states.push(State::DocumentEnd);
            self.state = State::BlockNode;
            return Ok(Event::new(EventKind::DocumentStart, start, end));
        }
        if kind != TokenKind::StreamEnd {
            self.process_directives()?;
            let (kind, token_start, token_end) = self.peek_marks()?;
            if kind != TokenKind::DocumentStart {
                return Err(self.error(
                    "did not find expected <document start>",
                    token_start,
                    Mark::default(),
                ));
            }
            self.states.push(State::DocumentEnd);
            self.state = State::DocumentContent;
            self.scanner.skip_token();
            let mut e = Event::new(EventKind::DocumentStart, start, token_end);
            e.explicit = true;
            return Ok(e);
        }
        self.state = State::End;
        self.scanner.skip_token();
        Ok(Event::new(EventKind::StreamEnd, start, end))
    }

    fn parse_document_content(&mut self) -> Result<Event> {
        let (kind, start, _) = self.peek_marks()?;
        if matches!(
            kind,
            TokenKind::VersionDirective
                | TokenKind::TagDirective
                | TokenKind::DocumentStart
                | TokenKind::DocumentEnd
                | TokenKind::StreamEnd
        ) {
            self.pop_state();
            return Ok(Event::empty_scalar(start));
        }
        self.parse_node(true, false)
    }

    fn parse_document_end(&mut self) -> Result<Event> {
        let (kind, start, end) = self.peek_marks()?;
        let mut e = Event::new(EventKind::DocumentEnd, start, start);
        if kind == TokenKind::DocumentEnd {
            e.end = end;
            e.explicit = true;
            self.scanner.skip_token();
        }
        self.tag_directives.clear();
        self.state = State::DocumentStart;
        Ok(e)
    }

    fn parse_node(&mut self, block: bool, indentless_sequence: bool) -> Result<Event> {
        let token = self.scanner.peek()?;
        if token.kind == TokenKind::Alias {
            let mut e = Event::new(EventKind::Alias, token.start, token.end);
            if let TokenData::Name(a, b) = token.data {
                e.anchor = Some((a, b));
            }
            self.pop_state();
            self.scanner.skip_token();
            return Ok(e);
        }
        let mut start = token.start;
        let mut end = token.start;
        let mut anchor = None;
        let mut tag_token: Option<(String, String)> = None;
        let mut tag_mark = Mark::default();
        if token.kind == TokenKind::Anchor {
            if let TokenData::Name(a, b) = token.data {
                anchor = Some((a, b));
            }
            start = token.start;
            end = token.end;
            self.scanner.skip_token();
            let token = self.scanner.peek()?;
            if token.kind == TokenKind::Tag {
                if let TokenData::Tag { handle, suffix } = &token.data {
                    tag_token = Some((handle.clone(), suffix.clone()));
                }
                tag_mark = token.start;
                end = token.end;
                self.scanner.skip_token();
            }
        } else if token.kind == TokenKind::Tag {
            if let TokenData::Tag { handle, suffix } = &token.data {
                tag_token = Some((handle.clone(), suffix.clone()));
            }
            start = token.start;
            tag_mark = token.start;
            end = token.end;
            self.scanner.skip_token();
            let token = self.scanner.peek()?;
            if token.kind == TokenKind::Anchor {
                if let TokenData::Name(a, b) = token.data {
                    anchor = Some((a, b));
                }
                end = token.end;
                self.scanner.skip_token();
            }
        }
        let mut tag: Option<String> = None;
        if let Some((handle, suffix)) = tag_token {
            if handle.is_empty() {
                tag = Some(suffix);
            } else {
                let prefix = self
                    .tag_directives
                    .iter()
                    .find(|(h, _)| *h == handle)
                    .map(|(_, p)| p.clone());
                match prefix {
                    Some(p) => tag = Some(p + &suffix),
                    None => {
                        return Err(self.error("found undefined tag handle", tag_mark, start));
                    }
                }
            }
            // go-yaml: an empty tag is no tag.
            if tag.as_deref() == Some("") {
                tag = None;
            }
        }
        let implicit = tag.is_none();
        let has_props = anchor.is_some() || tag.is_some();
        let tag_at = (tag.is_some()).then_some(tag_mark);
        let token = self.scanner.peek()?;
        let content = token.start;
        let make = |kind: EventKind, end: Mark, flow: bool| {
            let mut e = Event::new(kind, start, end);
            e.content = content;
            e.anchor = anchor;
            e.tag = tag.clone();
            e.tag_at = tag_at;
            e.implicit = implicit;
            e.flow = flow;
            e
        };
        if indentless_sequence && token.kind == TokenKind::BlockEntry {
            let e = make(EventKind::SequenceStart, token.end, false);
            self.state = State::IndentlessSequenceEntry;
            return Ok(e);
        }
        match token.kind {
            TokenKind::Scalar => {
                let plain_implicit = (tag.is_none()
                    && matches!(
                        token.data,
                        TokenData::Scalar {
                            style: Style::Plain,
                            ..
                        }
                    ))
                    || tag.as_deref() == Some("!");
                let mut e = make(EventKind::Scalar, token.end, false);
                e.implicit = plain_implicit;
                if let TokenData::Scalar { style, .. } = &token.data {
                    e.style = *style;
                }
                self.pop_state();
                // The text moves out of the token.
                if let Some(Token {
                    data: TokenData::Scalar { text, .. },
                    ..
                }) = self.scanner.skip_token()
                {
                    e.text = text;
                }
                Ok(e)
            }
            TokenKind::FlowSequenceStart => {
                let e = make(EventKind::SequenceStart, token.end, true);
                self.state = State::FlowSequenceFirstEntry;
                Ok(e)
            }
            TokenKind::FlowMappingStart => {
                let e = make(EventKind::MappingStart, token.end, true);
                self.state = State::FlowMappingFirstKey;
                Ok(e)
            }
            TokenKind::BlockSequenceStart if block => {
                let e = make(EventKind::SequenceStart, token.end, false);
                self.state = State::BlockSequenceFirstEntry;
                Ok(e)
            }
            TokenKind::BlockMappingStart if block => {
                let e = make(EventKind::MappingStart, token.end, false);
                self.state = State::BlockMappingFirstKey;
                Ok(e)
            }
            _ if has_props => {
                let mut e = make(EventKind::Scalar, end, false);
                e.content = end;
                e.text = Text::Slice(end.pos, end.pos);
                self.pop_state();
                Ok(e)
            }
            _ => {
                let problem_mark = token.start;
                Err(self.error("did not find expected node content", problem_mark, start))
            }
        }
    }

    fn first_mark(&mut self) -> Result<()> {
        let (_, start, _) = self.peek_marks()?;
        self.marks.push(start);
        self.scanner.skip_token();
        Ok(())
    }

    fn pop_mark(&mut self) -> Mark {
        self.marks.pop().unwrap_or_default()
    }

    fn parse_block_sequence_entry(&mut self, first: bool) -> Result<Event> {
        if first {
            self.first_mark()?;
        }
        let (kind, start, end) = self.peek_marks()?;
        if kind == TokenKind::BlockEntry {
            let mark = end;
            self.scanner.skip_token();
            let kind = self.peek_kind()?;
            if kind != TokenKind::BlockEntry && kind != TokenKind::BlockEnd {
                self.states.push(State::BlockSequenceEntry);
                return self.parse_node(true, false);
            }
            self.state = State::BlockSequenceEntry;
            return Ok(Event::empty_scalar(mark));
        }
        if kind == TokenKind::BlockEnd {
            self.pop_state();
            self.pop_mark();
            self.scanner.skip_token();
            return Ok(Event::new(EventKind::SequenceEnd, start, end));
        }
        let context = self.pop_mark();
        Err(self.error("did not find expected '-' indicator", start, context))
    }

    fn parse_indentless_sequence_entry(&mut self) -> Result<Event> {
        let (kind, start, end) = self.peek_marks()?;
        if kind == TokenKind::BlockEntry {
            let mark = end;
            self.scanner.skip_token();
            let kind = self.peek_kind()?;
            if !matches!(
                kind,
                TokenKind::BlockEntry | TokenKind::Key | TokenKind::Value | TokenKind::BlockEnd
            ) {
                self.states.push(State::IndentlessSequenceEntry);
                return self.parse_node(true, false);
            }
            self.state = State::IndentlessSequenceEntry;
            return Ok(Event::empty_scalar(mark));
        }
        self.pop_state();
        Ok(Event::new(EventKind::SequenceEnd, start, start))
    }

    fn parse_block_mapping_key(&mut self, first: bool) -> Result<Event> {
        if first {
            self.first_mark()?;
        }
        let (kind, start, end) = self.peek_marks()?;
        if kind == TokenKind::Key {
            let mark = end;
            self.scanner.skip_token();
            let kind = self.peek_kind()?;
            if !matches!(
                kind,
                TokenKind::Key | TokenKind::Value | TokenKind::BlockEnd
            ) {
                self.states.push(State::BlockMappingValue);
                return self.parse_node(true, true);
            }
            self.state = State::BlockMappingValue;
            return Ok(Event::empty_scalar(mark));
        }
        if kind == TokenKind::BlockEnd {
            self.pop_state();
            self.pop_mark();
            self.scanner.skip_token();
            return Ok(Event::new(EventKind::MappingEnd, start, end));
        }
        let context = self.pop_mark();
        Err(self.error("did not find expected key", start, context))
    }

    fn parse_block_mapping_value(&mut self) -> Result<Event> {
        let (kind, start, end) = self.peek_marks()?;
        if kind == TokenKind::Value {
            let mark = end;
            self.scanner.skip_token();
            let kind = self.peek_kind()?;
            if !matches!(
                kind,
                TokenKind::Key | TokenKind::Value | TokenKind::BlockEnd
            ) {
                self.states.push(State::BlockMappingKey);
                return self.parse_node(true, true);
            }
            self.state = State::BlockMappingKey;
            return Ok(Event::empty_scalar(mark));
        }
        self.state = State::BlockMappingKey;
        Ok(Event::empty_scalar(start))
    }

    fn parse_flow_sequence_entry(&mut self, first: bool) -> Result<Event> {
        if first {
            self.first_mark()?;
        }
        let (mut kind, mut start, mut end) = self.peek_marks()?;
        if kind != TokenKind::FlowSequenceEnd {
            if !first {
                if kind == TokenKind::FlowEntry {
                    self.scanner.skip_token();
                    (kind, start, end) = self.peek_marks()?;
                } else {
                    let context = self.pop_mark();
                    return Err(self.error("did not find expected ',' or ']'", start, context));
                }
            }
            if kind == TokenKind::Key {
                self.state = State::FlowSequenceEntryMappingKey;
                let mut e = Event::new(EventKind::MappingStart, start, end);
                e.implicit = true;
                e.flow = true;
                self.scanner.skip_token();
                return Ok(e);
            } else if kind != TokenKind::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntry);
                return self.parse_node(false, false);
            }
        }
        self.pop_state();
        self.pop_mark();
        self.scanner.skip_token();
        Ok(Event::new(EventKind::SequenceEnd, start, end))
    }

    fn parse_flow_sequence_entry_mapping_key(&mut self) -> Result<Event> {
        let (kind, _, end) = self.peek_marks()?;
        if !matches!(
            kind,
            TokenKind::Value | TokenKind::FlowEntry | TokenKind::FlowSequenceEnd
        ) {
            self.states.push(State::FlowSequenceEntryMappingValue);
            return self.parse_node(false, false);
        }
        let mark = end;
        self.scanner.skip_token();
        self.state = State::FlowSequenceEntryMappingValue;
        Ok(Event::empty_scalar(mark))
    }

    fn parse_flow_sequence_entry_mapping_value(&mut self) -> Result<Event> {
        // go-yaml shadows the token here: the empty value is marked at the `:`.
        let (kind, start, _) = self.peek_marks()?;
        if kind == TokenKind::Value {
            self.scanner.skip_token();
            let kind = self.peek_kind()?;
            if kind != TokenKind::FlowEntry && kind != TokenKind::FlowSequenceEnd {
                self.states.push(State::FlowSequenceEntryMappingEnd);
                return self.parse_node(false, false);
            }
        }
        self.state = State::FlowSequenceEntryMappingEnd;
        Ok(Event::empty_scalar(start))
    }

    fn parse_flow_sequence_entry_mapping_end(&mut self) -> Result<Event> {
        let (_, start, _) = self.peek_marks()?;
        self.state = State::FlowSequenceEntry;
        Ok(Event::new(EventKind::MappingEnd, start, start))
    }

    fn parse_flow_mapping_key(&mut self, first: bool) -> Result<Event> {
        if first {
            self.first_mark()?;
        }
        let (mut kind, mut start, mut end) = self.peek_marks()?;
        if kind != TokenKind::FlowMappingEnd {
            if !first {
                if kind == TokenKind::FlowEntry {
                    self.scanner.skip_token();
                    (kind, start, end) = self.peek_marks()?;
                } else {
                    let context = self.pop_mark();
                    return Err(self.error("did not find expected ',' or '}'", start, context));
                }
            }
            if kind == TokenKind::Key {
                self.scanner.skip_token();
                let (kind, next_start, _) = self.peek_marks()?;
                if !matches!(
                    kind,
                    TokenKind::Value | TokenKind::FlowEntry | TokenKind::FlowMappingEnd
                ) {
                    self.states.push(State::FlowMappingValue);
                    return self.parse_node(false, false);
                }
                self.state = State::FlowMappingValue;
                return Ok(Event::empty_scalar(next_start));
            } else if kind != TokenKind::FlowMappingEnd {
                self.states.push(State::FlowMappingEmptyValue);
                return self.parse_node(false, false);
            }
        }
        self.pop_state();
        self.pop_mark();
        self.scanner.skip_token();
        Ok(Event::new(EventKind::MappingEnd, start, end))
    }

    fn parse_flow_mapping_value(&mut self, empty: bool) -> Result<Event> {
        let (kind, start, _) = self.peek_marks()?;
        if empty {
            self.state = State::FlowMappingKey;
            return Ok(Event::empty_scalar(start));
        }
        let mut start = start;
        if kind == TokenKind::Value {
            self.scanner.skip_token();
            let (kind, next_start, _) = self.peek_marks()?;
            if kind != TokenKind::FlowEntry && kind != TokenKind::FlowMappingEnd {
                self.states.push(State::FlowMappingKey);
                return self.parse_node(false, false);
            }
            start = next_start;
        }
        self.state = State::FlowMappingKey;
        Ok(Event::empty_scalar(start))
    }

    fn process_directives(&mut self) -> Result<()> {
        let mut version_seen = false;
        loop {
            let token = self.scanner.peek()?;
            let start = token.start;
            match (&token.kind, &token.data) {
                (TokenKind::VersionDirective, TokenData::Version(major, minor)) => {
                    if version_seen {
                        return Err(self.error(
                            "found duplicate %YAML directive",
                            start,
                            Mark::default(),
                        ));
                    }
                    if (*major, *minor) != (1, 1) {
                        return Err(self.error(
                            "found incompatible YAML document",
                            start,
                            Mark::default(),
                        ));
                    }
                    version_seen = true;
                }
                (TokenKind::TagDirective, TokenData::TagDirective { handle, prefix }) => {
                    let (handle, prefix) = (handle.clone(), prefix.clone());
                    if self.tag_directives.iter().any(|(h, _)| *h == handle) {
                        return Err(self.error(
                            "found duplicate %TAG directive",
                            start,
                            Mark::default(),
                        ));
                    }
                    self.tag_directives.push((handle, prefix));
                }
                _ => break,
            }
            self.scanner.skip_token();
        }
        for (handle, prefix) in DEFAULT_TAGS {
            if !self.tag_directives.iter().any(|(h, _)| h == handle) {
                self.tag_directives
                    .push((handle.to_owned(), prefix.to_owned()));
            }
        }
        Ok(())
    }
}
