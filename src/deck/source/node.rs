//! The tree of values the scanner finds, each with its byte span: what diagnostics point
//! into and what each slide is cut out by.

use std::ops::Range;

/// One value in the file and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `Name(field: value, …)` or `(field: value, …)`. Each field keeps its name's span.
    Struct {
        name: Option<String>,
        fields: Vec<Field>,
    },
    /// `Name(a, b)` or `(a, b)`.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Str(String),
    /// A number, identifier, char or anything else without inner structure.
    Scalar,
    /// A value with a syntax error, already reported; the scanner skipped it and went on
    /// with the next one, so every other value keeps its place and index.
    Broken,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub name_span: Range<usize>,
    pub value: Node,
}

/// One step of a path from a node to a node inside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
    /// A map entry by its string key; yields the key node itself.
    Key(&'a str),
}

impl Node {
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.kind {
            NodeKind::Struct { fields, .. } => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::List(items) | NodeKind::Tuple { items, .. } => items,
            _ => &[],
        }
    }

    /// The node at `path` below this one, as far as it can be followed.
    pub fn find(&self, path: &[Step<'_>]) -> &Node {
        let mut node = self;
        for step in path {
            let next = match (*step, &node.kind) {
                (Step::Field(name), _) => node.field(name).map(|f| &f.value),
                (Step::Index(i), _) => node.items().get(i),
                (Step::Key(key), NodeKind::Map(entries)) => {
                    entries.iter().find(|(k, _)| matches!(&k.kind, NodeKind::Str(s) if s == key)).map(|(k, _)| k)
                }
                (Step::Key(_), _) => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }
}
