//! The operator's comments, carried from the file they edited onto a file
//! kforge re-wrote (a merged manifest, the stored configuration).
//!
//! A line-based patch of the operator's own lines: the lines of both texts
//! without their comments are aligned (longest common subsequence, so a
//! repeated line such as `readOnly: true` is matched by its place, not its
//! text). A whole-line comment goes back above the line it stood above; a
//! comment at the end of a line goes back onto that line. When that line
//! is gone or changed, the comment goes after the nearest line above it that
//! is still there, as a whole-line comment, so nothing the operator wrote is
//! lost. The result is parsed back and must be the same document, else the
//! text without comments is returned (and the caller says so).

/// One line of the operator's file.
struct Line<'a> {
    /// The line without its trailing comment, right-trimmed; empty for a
    /// comment-only or blank line.
    content: &'a str,
    /// The comment: the whole line for a comment-only line, else the
    /// trailing ` # ...` with the spaces before it.
    comment: Option<&'a str>,
}

fn split_line(line: &str) -> Line<'_> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return Line {
            content: "",
            comment: Some(line.trim_end()),
        };
    }
    let (mut single, mut double) = (false, false);
    let mut prev_space = false;
    for (i, ch) in line.char_indices() {
        match ch {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev_space => {
                let content = line[..i].trim_end();
                return Line {
                    content,
                    comment: Some(line[content.len()..].trim_end()),
                };
            }
            _ => {}
        }
        prev_space = ch == ' ' || ch == '\t';
    }
    Line {
        content: line.trim_end(),
        comment: None,
    }
}

/// Whether `text` has any comment worth carrying.
pub fn has_comments(text: &str) -> bool {
    text.lines().any(|l| split_line(l).comment.is_some())
}

/// `new` with the comments of `mine` put back (see the module's doc).
/// Returns `None` when the comments could not be placed without changing
/// the document (the caller keeps `new` and says the comments were dropped).
pub fn carry(mine: &str, new: &str) -> Option<String> {
    if !has_comments(mine) {
        return Some(new.to_string());
    }
    let lines: Vec<Line> = mine.lines().map(split_line).collect();
    // Content lines of `mine` (index into `lines`) and of `new`.
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].content.is_empty())
        .collect();
    let out: Vec<&str> = new.lines().collect();
    let matched = lcs(
        &content
            .iter()
            .map(|&i| lines[i].content)
            .collect::<Vec<_>>(),
        &out.iter().map(|l| l.trim_end()).collect::<Vec<_>>(),
    );
    // For every line of `mine`, where its counterpart is in `new`.
    let mut at: Vec<Option<usize>> = vec![None; lines.len()];
    for (ci, oi) in matched {
        at[content[ci]] = Some(oi);
    }
    // before[j]: comment lines to put above out[j] (j == out.len(): at the end);
    // trailing[j]: the comment at the end of out[j].
    let mut before: Vec<Vec<String>> = vec![Vec::new(); out.len() + 1];
    let mut trailing: Vec<Option<&str>> = vec![None; out.len()];
    let taken: std::collections::BTreeSet<usize> = at.iter().flatten().copied().collect();
    let prev_matched = |i: usize| (0..i).rev().find_map(|k| at[k]);
    let next_matched = |i: usize| (i + 1..lines.len()).find_map(|k| at[k]);
    // Where a comment goes when its own line is gone: after the nearest
    // line above it still there (the top when there is none).
    let after_prev = |i: usize| prev_matched(i).map(|j| j + 1).unwrap_or(0);
    // A line's place in `new`: its counterpart, else a line between the
    // neighbours' counterparts with the same key (`image:`, `- --flag=`):
    // the same line with a new value.
    let place = |k: usize| -> Option<usize> {
        if let Some(j) = at[k] {
            return Some(j);
        }
        let from = prev_matched(k).map(|j| j + 1).unwrap_or(0);
        let to = next_matched(k).unwrap_or(out.len());
        let key = line_key(lines[k].content);
        if let Some(j) = (from..to).find(|&j| line_key(out[j]) == key) {
            return Some(j);
        }
        // Moved (a flag that sorts elsewhere now): the one line of `new`
        // with the same text that no line of `mine` is matched to.
        let mut free = (0..out.len())
            .filter(|&j| out[j].trim_end() == lines[k].content && !taken.contains(&j));
        match (free.next(), free.next()) {
            (Some(j), None) => Some(j),
            _ => None,
        }
    };
    for (i, l) in lines.iter().enumerate() {
        let Some(comment) = l.comment else { continue };
        if l.content.is_empty() {
            // Above the next line of `mine` (or at the end).
            let j = match (i + 1..lines.len()).find(|&k| !lines[k].content.is_empty()) {
                Some(k) => place(k).unwrap_or_else(|| after_prev(i)),
                None => out.len(),
            };
            before[j].push(comment.to_string());
        } else {
            match place(i) {
                Some(j) if trailing[j].is_none() => trailing[j] = Some(comment),
                found => {
                    let indent = &l.content[..l.content.len() - l.content.trim_start().len()];
                    before[found.unwrap_or_else(|| after_prev(i))]
                        .push(format!("{indent}{}", comment.trim_start()));
                }
            }
        }
    }
    let mut text = String::new();
    for (j, line) in out.iter().enumerate() {
        for c in &before[j] {
            text.push_str(c);
            text.push('\n');
        }
        text.push_str(line);
        if let Some(c) = trailing[j] {
            text.push_str(c);
        }
        text.push('\n');
    }
    for c in &before[out.len()] {
        text.push_str(c);
        text.push('\n');
    }
    let same = |a: &str, b: &str| match (
        serde_yaml_ng::from_str::<serde_json::Value>(a),
        serde_yaml_ng::from_str::<serde_json::Value>(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    same(&text, new).then_some(text)
}

/// A line's key: up to its first `:` or `=` (`    image`, `    - --flag`).
fn line_key(line: &str) -> &str {
    let line = line.trim_end();
    match line.find([':', '=']) {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Index pairs of a longest common subsequence of `a` and `b`.
fn lcs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let mut l = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if l[i + 1][j] >= l[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINE: &str = "\
# Owned by the platform team; ask in #k8s before editing.
apiVersion: v1
kind: Pod
spec:
  containers:
  - command:
    - kube-apiserver
    - --a=1
    # audit logs for 30 days (ticket OPS-1)
    - --audit-log-maxage=30
    - --old=x # removed by the release
    image: r/kube-apiserver:v1.33.0 # the tag moves
    volumeMounts:
    - mountPath: /a
      readOnly: true
    - mountPath: /b
      # b is read-only too
      readOnly: true
";

    const NEW: &str = "\
apiVersion: v1
kind: Pod
spec:
  containers:
  - command:
    - kube-apiserver
    - --a=2
    - --audit-log-maxage=30
    - --b=3
    image: r/kube-apiserver:v1.34.0
    volumeMounts:
    - mountPath: /a
      readOnly: true
    - mountPath: /b
      readOnly: true
";

    #[test]
    fn comments_go_back_above_or_onto_their_lines_and_orphans_are_kept() {
        let out = carry(MINE, NEW).unwrap();
        assert_eq!(
            out,
            "\
# Owned by the platform team; ask in #k8s before editing.
apiVersion: v1
kind: Pod
spec:
  containers:
  - command:
    - kube-apiserver
    - --a=2
    # audit logs for 30 days (ticket OPS-1)
    - --audit-log-maxage=30
    # removed by the release
    - --b=3
    image: r/kube-apiserver:v1.34.0 # the tag moves
    volumeMounts:
    - mountPath: /a
      readOnly: true
    - mountPath: /b
      # b is read-only too
      readOnly: true
"
        );
    }

    #[test]
    fn a_comment_moves_with_its_line_when_the_line_sorts_elsewhere() {
        let mine = "a:\n- --b=1\n- --c=2 # keep\n- --d=3\n- --e=4\n";
        let new = "a:\n- --b=1\n- --d=3\n- --e=4\n- --c=2\n";
        assert_eq!(
            carry(mine, new).unwrap(),
            "a:\n- --b=1\n- --d=3\n- --e=4\n- --c=2 # keep\n"
        );
    }

    #[test]
    fn hashes_inside_quotes_or_words_are_not_comments() {
        let l = split_line("    - --x=\"a # b\" # real");
        assert_eq!(l.content, "    - --x=\"a # b\"");
        assert_eq!(l.comment, Some(" # real"));
        assert!(split_line("    - --url=http://h/#frag").comment.is_none());
        assert_eq!(carry(NEW, NEW).unwrap(), NEW);
    }
}
