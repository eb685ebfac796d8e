"""Local doubles of Microsoft's identity endpoints, for a real `guildbot run` process.

The process reaches Bot Framework's published keys (``login.botframework.com``) and
Microsoft Entra's token endpoint (``login.microsoftonline.com``) as it would from behind an
organisation's TLS-inspecting proxy: through HTTPS_PROXY, trusting the proxy's certificate
authority (SSL_CERT_FILE for the key client, REQUESTS_CA_BUNDLE for MSAL). The proxy here
answers for those two hosts itself, with a certificate from a CA made for the test, and
records every request; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import json
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

KEYS_HOST = "login.botframework.com"
LOGIN_HOST = "login.microsoftonline.com"
KEYS_PATH = "/v1/.well-known/keys"
KEY_ID = "run-test-key"
ISSUER = "https://api.botframework.com"


@dataclass(frozen=True)
class Seen:
    """One request the doubles answered."""

    host: str
    method: str
    path: str
    form: dict[str, list[str]]


@dataclass
class MicrosoftIdentity:
    """The key and token endpoints behind an HTTPS proxy on 127.0.0.1."""

    directory: Path
    access_token: str
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ca_file = self.directory / "test-ca.pem"
        self._server_context = self._certificates()
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        """What points a process at these doubles (and trusts their CA)."""
        return {
            "HTTPS_PROXY": self.proxy_url,
            "NO_PROXY": "127.0.0.1,localhost",
            "SSL_CERT_FILE": str(self.ca_file),
            "REQUESTS_CA_BUNDLE": str(self.ca_file),
        }

    def token(self, app_id: str, service_url: str, **claims: Any) -> str:
        """A token as Bot Framework signs it for an activity to `app_id`."""
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": app_id,
            "serviceurl": service_url,
            "nbf": now - 60,
            "exp": now + 3600,
            **claims,
        }
        return jwt.encode(payload, self.signing_key, "RS256", headers={"kid": KEY_ID})

    def requests_to(self, host: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.host == host]

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._tunnel, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    # -- the proxy ----------------------------------------------------------------------

    async def _tunnel(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = (await reader.readline()).decode("latin-1").split()
            await _headers(reader)
            if len(request_line) < 2 or request_line[0] != "CONNECT":
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            host = request_line[1].rsplit(":", 1)[0]
            if host not in (KEYS_HOST, LOGIN_HOST):
                writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await writer.start_tls(self._server_context)
            while await self._answer(host, reader, writer):
                pass
        except (ConnectionError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _answer(
        self, host: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        line = (await reader.readline()).decode("latin-1").split()
        if len(line) < 2:
            return False
        method, target = line[0], line[1]
        headers = await _headers(reader)
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        path = target.split("?", 1)[0]
        self.seen.append(Seen(host, method, path, parse_qs(body.decode())))
        status, answer = self._route(host, method, path)
        data = json.dumps(answer).encode()
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n".encode()
            + data
        )
        await writer.drain()
        return headers.get("connection", "").lower() != "close"

    def _route(self, host: str, method: str, path: str) -> tuple[str, Any]:
        if host == KEYS_HOST and method == "GET" and path == KEYS_PATH:
            public = jwt.algorithms.RSAAlgorithm.to_jwk(self.signing_key.public_key(), as_dict=True)
            return "200 OK", {"keys": [{**public, "kid": KEY_ID, "use": "sig"}]}
        parts = path.strip("/").split("/")
        if (
            host == LOGIN_HOST
            and method == "GET"
            and parts[1:] == ["v2.0", ".well-known", "openid-configuration"]
        ):
            base = f"https://{LOGIN_HOST}/{parts[0]}"
            return "200 OK", {
                "issuer": f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            }
        if host == LOGIN_HOST and method == "POST" and parts[1:] == ["oauth2", "v2.0", "token"]:
            return "200 OK", {
                "token_type": "Bearer",
                "expires_in": 3599,
                "ext_expires_in": 3599,
                "access_token": self.access_token,
            }
        return "404 Not Found", {"error": "not_found"}

    # -- certificates -------------------------------------------------------------------

    def _certificates(self) -> ssl.SSLContext:
        """A CA for the test (written to `ca_file`) and a server certificate it signed for
        both hosts."""
        now = datetime.datetime.now(datetime.UTC)
        ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Guildbot test CA")])
        ca = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
            .sign(ca_key, hashes.SHA256())
        )
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        server = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOGIN_HOST)]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(
                x509.SubjectAlternativeName(
                    [
                        x509.DNSName(LOGIN_HOST),
                        x509.DNSName(KEYS_HOST),
                        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    ]
                ),
                critical=False,
            )
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
            )
            .sign(ca_key, hashes.SHA256())
        )
        self.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        chain = self.directory / "test-server.pem"
        chain.write_bytes(
            server.public_bytes(serialization.Encoding.PEM)
            + key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(chain)
        return context


async def _headers(reader: asyncio.StreamReader) -> dict[str, str]:
    headers: dict[str, str] = {}
    while True:
        line = (await reader.readline()).decode("latin-1")
        if line in ("\r\n", "\n", ""):
            return headers
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
