"""Sealing an anonymous internal reporter's identity, with public-key encryption.

The web and worker processes hold only the *public* key (``CANDOUR_SEALING_PUBLIC_KEY``): they
can seal an identity but never open one. The private key is kept offline by the force's
custodian and used only through ``candour unseal`` (a request with its reason, a second
person's approval, then the opening, each audited: :mod:`candour.intake.unsealing`).

A sealed value is ``v2.<key id>.<base64url(ephemeral public key | nonce | ciphertext)>``:
X25519 with a fresh ephemeral key for each seal, HKDF-SHA256 to an AES-256-GCM key, and the
version and key id bound in as associated data. The key id says which key pair sealed it, so
after a rotation (``candour unseal rotate``) every value is sealed again under the new key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

VERSION = "v2"
_RAW = serialization.Encoding.Raw


class SealError(RuntimeError):
    """The sealed value cannot be opened with the key given, or a key is malformed."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise SealError("not base64url") from exc


def _public_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(_RAW, serialization.PublicFormat.Raw)


def generate_keypair() -> tuple[str, str]:
    """A new key pair as (private, public), each base64url of its 32 raw bytes."""
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return _b64(raw), _b64(_public_bytes(private.public_key()))


def private_key_from(text: str) -> X25519PrivateKey:
    try:
        return X25519PrivateKey.from_private_bytes(_unb64(text.strip()))
    except ValueError as exc:
        raise SealError("the private key is not a base64url X25519 key") from exc


def public_key_from(text: str) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(_unb64(text.strip()))
    except ValueError as exc:
        raise SealError("CANDOUR_SEALING_PUBLIC_KEY is not a base64url X25519 public key") from exc


def development_keypair(secret: str) -> tuple[str, str]:
    """The key pair of a development or test installation, derived from its secret key, so a
    developer can try ``candour unseal`` without a custodian. Never used in production, where
    ``CANDOUR_SEALING_PUBLIC_KEY`` is required and the private key is not on the server."""
    private = X25519PrivateKey.from_private_bytes(hashlib.sha256(f"sealing:{secret}".encode()).digest())
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return _b64(raw), _b64(_public_bytes(private.public_key()))


def _aead_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"candour sealed identity" + ephemeral + recipient).derive(shared)
    return AESGCM(derived)


def configured_public_key() -> str:
    """The installation's sealing public key (in dev and test, the derived development one)."""
    if settings.CANDOUR_SEALING_PUBLIC_KEY:
        return str(settings.CANDOUR_SEALING_PUBLIC_KEY)
    if settings.CANDOUR_ENV in ("dev", "test"):
        return development_keypair(settings.SECRET_KEY)[1]
    raise SealError("CANDOUR_SEALING_PUBLIC_KEY is not set")


def seal(identity: dict[str, Any], *, public_key: str | None = None, key_id: str | None = None) -> str:
    """``identity`` sealed for the holder of the private key (default: the configured public key)."""
    recipient = public_key_from(public_key or configured_public_key())
    key_id = key_id or settings.CANDOUR_SEALING_KEY_ID
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = _public_bytes(ephemeral.public_key())
    recipient_raw = _public_bytes(recipient)
    nonce = os.urandom(12)
    aad = f"{VERSION}.{key_id}".encode()
    body = _aead_key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw).encrypt(
        nonce, json.dumps(identity, sort_keys=True).encode("utf-8"), aad)
    return f"{VERSION}.{key_id}.{_b64(ephemeral_raw + nonce + body)}"


def sealed_key_id(token: str) -> str:
    """Which key pair sealed ``token``."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != VERSION:
        raise SealError("not a sealed identity of this version")
    return parts[1]


def unseal(token: str, *, private_key: str) -> dict[str, Any]:
    """Open ``token`` with the custodian's ``private_key`` (base64url). Only
    :func:`candour.intake.unsealing.unseal_open` calls this outside tests."""
    key_id = sealed_key_id(token)
    raw = _unb64(token.split(".")[2])
    if len(raw) < 32 + 12 + 16:
        raise SealError("the sealed identity is truncated")
    ephemeral_raw, nonce, body = raw[:32], raw[32:44], raw[44:]
    private = private_key_from(private_key)
    recipient_raw = _public_bytes(private.public_key())
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        data = _aead_key(shared, ephemeral_raw, recipient_raw).decrypt(nonce, body, f"{VERSION}.{key_id}".encode())
    except (InvalidTag, ValueError) as exc:
        raise SealError("The sealed identity cannot be opened with this key") from exc
    value: dict[str, Any] = json.loads(data)
    return value
