//! Just enough HTTP/1.1 for the STAND-IN API server: request heads,
//! `Content-Length` and chunked bodies, `Expect: 100-continue`, and
//! keep-alive (kubectl and hyper reuse their connections).

use anyhow::{bail, Context, Result};
use std::io::{Read, Write};

/// Bodies larger than this are refused (the real server's limit is 3 MiB
/// per object; this is a little more, for the envelope).
pub const MAX_BODY: usize = 4 << 20;

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    /// The path, percent-decoded.
    pub path: String,
    /// The raw path as sent (for non-resource authorization).
    pub raw_path: String,
    pub query: Vec<(String, String)>,
    /// Names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the client wants the connection kept open.
    pub fn keep_alive(&self) -> bool {
        !self
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"))
    }
}

/// `%XX` decoded; `+` is a space in a query.
pub fn percent_decode(s: &str, query: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if query => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A connection: a stream and the bytes read past the last request.
pub struct Conn<S> {
    pub stream: S,
    buf: Vec<u8>,
}

impl<S: Read + Write> Conn<S> {
    pub fn new(stream: S) -> Conn<S> {
        Conn {
            stream,
            buf: Vec::new(),
        }
    }

    /// More bytes into the buffer; false at the end of the stream.
    fn fill(&mut self) -> Result<bool> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk)?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    fn take(&mut self, n: usize) -> Result<Vec<u8>> {
        while self.buf.len() < n {
            if !self.fill()? {
                bail!("the client closed the connection inside a body");
            }
        }
        let rest = self.buf.split_off(n);
        Ok(std::mem::replace(&mut self.buf, rest))
    }

    fn line(&mut self) -> Result<String> {
        loop {
            if let Some(i) = self.buf.windows(2).position(|w| w == b"\r\n") {
                let l = self.take(i + 2)?;
                return Ok(String::from_utf8_lossy(&l[..i]).into_owned());
            }
            if self.buf.len() > 64 * 1024 || !self.fill()? {
                bail!("a bad chunked body");
            }
        }
    }

    /// The next request, `None` when the client closed the connection.
    pub fn read_request(&mut self) -> Result<Option<Request>> {
        let end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            if self.buf.len() > 64 * 1024 {
                bail!("request head too large");
            }
            if !self.fill()? {
                return Ok(None);
            }
        };
        let head = self.take(end + 4)?;
        let head = String::from_utf8_lossy(&head[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut words = lines.next().unwrap_or("").split_whitespace();
        let method = words.next().unwrap_or("").to_string();
        let target = words.next().unwrap_or("/").to_string();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let (raw_path, raw_query) = target.split_once('?').unwrap_or((&target, ""));
        let query = raw_query
            .split('&')
            .filter(|q| !q.is_empty())
            .map(|q| {
                let (k, v) = q.split_once('=').unwrap_or((q, ""));
                (percent_decode(k, true), percent_decode(v, true))
            })
            .collect();
        let mut req = Request {
            method,
            path: percent_decode(raw_path, false),
            raw_path: raw_path.to_string(),
            query,
            headers,
            body: Vec::new(),
        };
        let chunked = req
            .header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let length: usize = match req.header("content-length") {
            Some(l) => l.parse().context("a bad Content-Length")?,
            None => 0,
        };
        if length > MAX_BODY {
            bail!("a request body of {length} bytes is too large");
        }
        if (chunked || length > 0)
            && req
                .header("expect")
                .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
        {
            self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            self.stream.flush()?;
        }
        if chunked {
            loop {
                let size_line = self.line()?;
                let size =
                    usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
                        .context("a bad chunk size")?;
                if size == 0 {
                    // Trailers, up to the empty line.
                    while !self.line()?.is_empty() {}
                    break;
                }
                if req.body.len() + size > MAX_BODY {
                    bail!("a request body too large");
                }
                let data = self.take(size)?;
                req.body.extend_from_slice(&data);
                self.take(2)?;
            }
        } else if length > 0 {
            req.body = self.take(length)?;
        }
        Ok(Some(req))
    }

    /// Writes a response.
    pub fn respond(
        &mut self,
        code: u16,
        content_type: &str,
        body: &[u8],
        keep_alive: bool,
    ) -> Result<()> {
        let mut out = format!(
            "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache, private\r\n{}\r\n",
            reason(code),
            body.len(),
            if keep_alive { "" } else { "Connection: close\r\n" }
        )
        .into_bytes();
        out.extend_from_slice(body);
        self.stream.write_all(&out)?;
        self.stream.flush()?;
        Ok(())
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream reading from `input`, writing into `output`.
    struct Pipe {
        input: std::io::Cursor<Vec<u8>>,
        output: Vec<u8>,
    }
    impl Read for Pipe {
        fn read(&mut self, b: &mut [u8]) -> std::io::Result<usize> {
            // One byte at a time: the worst case for buffering.
            let n = b.len().min(1);
            self.input.read(&mut b[..n])
        }
    }
    impl Write for Pipe {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.output.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn reads_keep_alive_requests_with_both_kinds_of_body() {
        let input = b"POST /api/v1/namespaces/default/configmaps?fieldManager=a%3Ab&labelSelector=x+y HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhelloPATCH /x/system%3Anode HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n2;ext\r\nde\r\n0\r\n\r\n".to_vec();
        let mut c = Conn::new(Pipe {
            input: std::io::Cursor::new(input),
            output: Vec::new(),
        });
        let r = c.read_request().unwrap().unwrap();
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("POST", "/api/v1/namespaces/default/configmaps")
        );
        assert_eq!(r.query("fieldManager"), Some("a:b"));
        assert_eq!(r.query("labelSelector"), Some("x y"));
        assert_eq!(r.body, b"hello");
        assert!(r.keep_alive());
        assert_eq!(c.stream.output, b"HTTP/1.1 100 Continue\r\n\r\n");
        let r = c.read_request().unwrap().unwrap();
        assert_eq!(r.path, "/x/system:node");
        assert_eq!(r.body, b"abcde");
        assert!(!r.keep_alive());
        assert!(c.read_request().unwrap().is_none());
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%3Db%2Cc%", true), "a=b,c%");
        assert_eq!(percent_decode("a+b", false), "a+b");
        assert_eq!(percent_decode("%zz", false), "%zz");
    }
}
