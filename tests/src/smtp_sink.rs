//! A minimal SMTP server for the mail tests: it accepts every message on 127.0.0.1 and keeps it.
//!
//! It speaks just enough of RFC 5321 for a client without TLS or AUTH: 220 greeting, EHLO/HELO,
//! MAIL FROM, RCPT TO, DATA … `.` (with dot-unstuffing), RSET, NOOP and QUIT.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The sender address the test apps use with the sink.
pub const SINK_FROM: &str = "進行管理 <shinko@city.example.jp>";

/// A message as the sink received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The envelope sender (MAIL FROM).
    pub from: String,
    /// The envelope recipients (RCPT TO).
    pub recipients: Vec<String>,
    /// The message as sent after DATA: headers, blank line, body.
    pub data: String,
}

impl ReceivedMail {
    /// A header's value (unfolded), by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut unfolded: Vec<String> = Vec::new();
        for line in head.split("\r\n") {
            match (line.starts_with([' ', '\t']), unfolded.last_mut()) {
                // Unfolding removes the line break only; the whitespace stays.
                (true, Some(last)) => last.push_str(line),
                _ => unfolded.push(line.to_owned()),
            }
        }
        unfolded.into_iter().find_map(|l| {
            let (key, value) = l.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    }

    /// The subject with RFC 2047 encoded words (`=?utf-8?b?…?=`) decoded.
    pub fn subject(&self) -> String {
        let raw = self.header("Subject").unwrap_or_default();
        raw.split_whitespace()
            .map(|word| {
                let lower = word.to_ascii_lowercase();
                match lower.strip_prefix("=?utf-8?b?").and_then(|w| w.strip_suffix("?=")) {
                    Some(_) => {
                        let encoded = &word["=?utf-8?b?".len()..word.len() - 2];
                        String::from_utf8(STANDARD.decode(encoded).unwrap_or_default()).unwrap_or_default()
                    }
                    None => format!("{word} "),
                }
            })
            .collect::<String>()
            .trim()
            .to_owned()
    }

    /// The body as text, decoded when it was sent as base64.
    pub fn body_text(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
        let base64 = self.header("Content-Transfer-Encoding").is_some_and(|e| e.eq_ignore_ascii_case("base64"));
        if base64 {
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            String::from_utf8(STANDARD.decode(compact).expect("a base64 body")).expect("a UTF-8 body")
        } else {
            body.to_owned()
        }
    }
}

/// The running sink. It stops with the test's runtime.
#[derive(Clone)]
pub struct SmtpSink {
    pub addr: SocketAddr,
    mails: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    /// Listens on a free port of 127.0.0.1.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the SMTP sink");
        let addr = listener.local_addr().unwrap();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let store = mails.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let _ = session(stream, store).await;
                });
            }
        });
        Self { addr, mails }
    }

    /// The app settings that send mail here (for `TestApp::spawn_with`).
    pub fn settings(&self) -> impl Fn(&str) -> Option<String> + Clone + Send + 'static {
        let port = self.addr.port().to_string();
        move |key| match key {
            "SMTP_HOST" => Some("127.0.0.1".into()),
            "SMTP_PORT" => Some(port.clone()),
            "SMTP_FROM" => Some(SINK_FROM.into()),
            "SMTP_TLS" => Some("none".into()),
            _ => None,
        }
    }

    /// Every message received so far.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.mails.lock().unwrap().clone()
    }

    /// Waits (polling, at most `timeout`) until at least `count` messages arrived, and returns them;
    /// panics when they do not come in time.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let mails = self.mails();
            if mails.len() >= count {
                return mails;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "expected {count} mails within {timeout:?}, got {}",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    match (arg.find('<'), arg.find('>')) {
        (Some(start), Some(end)) if start < end => arg[start + 1..end].to_owned(),
        _ => arg.split_whitespace().next().unwrap_or_default().to_owned(),
    }
}

async fn session(stream: TcpStream, store: Arc<Mutex<Vec<ReceivedMail>>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut from = String::new();
    let mut recipients: Vec<String> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if let Some(rest) = upper.strip_prefix("MAIL FROM:").map(|_| &command["MAIL FROM:".len()..]) {
            from = address(rest);
            recipients.clear();
            b"250 OK\r\n"
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:").map(|_| &command["RCPT TO:".len()..]) {
            recipients.push(address(rest));
            b"250 OK\r\n"
        } else if upper == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_until(b'\n', &mut line).await? == 0 {
                    return Ok(());
                }
                let text = String::from_utf8_lossy(&line).into_owned();
                if text == ".\r\n" || text == ".\n" {
                    break;
                }
                // Dot-stuffing: a leading dot of the content was doubled by the client.
                data.push_str(text.strip_prefix('.').unwrap_or(&text));
            }
            let data = data.strip_suffix("\r\n").unwrap_or(&data).to_owned();
            store.lock().unwrap().push(ReceivedMail {
                from: from.clone(),
                recipients: std::mem::take(&mut recipients),
                data,
            });
            b"250 OK queued\r\n"
        } else if upper == "RSET" {
            recipients.clear();
            b"250 OK\r\n"
        } else if upper == "NOOP" {
            b"250 OK\r\n"
        } else if upper == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}
