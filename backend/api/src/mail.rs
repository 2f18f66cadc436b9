//! Mail copies of the notifications, through the SMTP relay of the settings (`SMTP_*`).
//!
//! Mail never blocks a request: it is handed over after the database commit and sent by a spawned
//! task. A failure is logged (without addresses or credentials) and otherwise ignored: the in-app
//! notification is what counts; the mail is a courtesy copy.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::task::JoinHandle;

use crate::config::{SmtpSettings, SmtpTls};

/// One plain-text mail to one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The user it is for (named in the log instead of the address).
    pub user_id: i64,
    /// The user's address.
    pub to: String,
    /// The user's display name, shown in the To header.
    pub to_name: String,
    pub subject: String,
    pub body: String,
}

/// Sends mail, or does nothing when no SMTP relay is configured.
#[derive(Clone, Default)]
pub struct Mailer {
    inner: Option<Arc<Relay>>,
}

struct Relay {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer that sends nothing.
    pub fn disabled() -> Self {
        Self::default()
    }

    /// The mailer of the settings; disabled without them. Fails on a sender address that does not
    /// parse, so a typo stops the server at start rather than losing every mail.
    pub fn from_settings(settings: Option<&SmtpSettings>) -> anyhow::Result<Self> {
        let Some(s) = settings else { return Ok(Self::disabled()) };
        let from: Mailbox = s.from.parse().map_err(|e| anyhow::anyhow!("SMTP_FROM is not a valid address: {e}"))?;
        let builder = match s.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.host.as_str()),
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)?,
        };
        let mut builder = builder.port(s.port).timeout(Some(Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&s.username, &s.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self { inner: Some(Arc::new(Relay { transport: builder.build(), from })) })
    }

    pub fn is_enabled(&self) -> bool {
        self.inner.is_some()
    }

    /// Sends `mails` in a spawned task and returns at once; None when there is nothing to send or
    /// no relay. The handle lets a caller (a test, the deadline job) wait for the sending.
    pub fn send_later(&self, mails: Vec<Mail>) -> Option<JoinHandle<usize>> {
        let relay = self.inner.clone()?;
        if mails.is_empty() {
            return None;
        }
        Some(tokio::spawn(async move { relay.send_all(mails).await }))
    }
}

impl Relay {
    /// Sends one by one; returns how many the relay accepted.
    async fn send_all(&self, mails: Vec<Mail>) -> usize {
        let mut sent = 0;
        for mail in mails {
            let user_id = mail.user_id;
            match self.message(mail) {
                Ok(message) => match self.transport.send(message).await {
                    Ok(_) => sent += 1,
                    // lettre's errors name the relay's answer, never the credentials.
                    Err(e) => tracing::warn!(user_id, error = %e, "notification mail not sent"),
                },
                Err(e) => tracing::warn!(user_id, error = %e, "notification mail not built"),
            }
        }
        sent
    }

    fn message(&self, mail: Mail) -> anyhow::Result<Message> {
        let to = Mailbox::new(Some(mail.to_name), mail.to.parse()?);
        // Base64 keeps the Japanese text intact through relays that only pass 7-bit data.
        let body = Body::new_with_encoding(mail.body, ContentTransferEncoding::Base64)
            .map_err(|_| anyhow::anyhow!("body cannot be encoded"))?;
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)?)
    }
}
