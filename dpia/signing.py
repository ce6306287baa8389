"""Signed reports: an SSH signature over the embedded provenance record.

A hash in the record shows that the record was not changed by accident; anyone can change a
record and recompute its hash. A signature made with the DPO's private key cannot be remade
without that key. ``dpia build --sign KEY`` signs the provenance part (the record as a build
writes it, ``provenance.record_part``) and stores the signature in a custom XML part of its
own; ``dpia verify --key PUBKEY`` (or ``--allowed-signers FILE``) checks it.

The signature is OpenSSH's ``SSHSIG`` format (PROTOCOL.sshsig, namespace ``dpia``), armored,
so an auditor can check it with ``ssh-keygen -Y verify`` as well (docs/verifying.md,
"Signatures"). Ed25519, ECDSA (P-256, P-384, P-521) and RSA (SHA-512) keys work, in OpenSSH
or PEM format, protected by a passphrase or not. Only the public key goes into the report.

What is signed survives a plain re-save by Word, LibreOffice or python-docx: the record is
read back from whatever part holds it and its part bytes made again before the signature is
checked, so a renamed or re-serialised part still verifies, and a changed record does not.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import fnmatch
import hashlib
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dpia.errors import PassphraseNeeded, SigningKeyError
from dpia.i18n import N_, _

NAMESPACE = "dpia"  # the SSHSIG namespace: a dpia signature is no git or file signature
SIGNATURE_XML_NAMESPACE = "urn:x-dpia:signature:1"
ROOT_TAG = f"{{{SIGNATURE_XML_NAMESPACE}}}signature"
PART_NAME = "/customXml/dpia-signature.xml"
PROPS_PART_NAME = "/customXml/dpia-signature-props.xml"
# a fixed data-store item ID (another than the record's): the same key gives the same bytes
ITEM_ID = "{6E0C1D5B-7F0B-5D3A-9C51-5A1D2B8F0E47}"
PASSPHRASE_VARIABLE = "DPIA_SIGN_PASSPHRASE"

_MAGIC = b"SSHSIG"
_VERSION = 1
_HASH = "sha512"
_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_KEY_FILE_BYTES = 1 << 20  # a key file is a few kB; an allowed signers file, a few lines


# --- the SSH wire format ---------------------------------------------------------------------


def _string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _mpint(value: int) -> bytes:
    """A non-negative integer as an SSH ``mpint`` (a leading zero byte keeps it positive)."""
    data = value.to_bytes((value.bit_length() + 8) // 8, "big") if value else b""
    return _string(data)


class _Reader:
    """Reads SSH wire data; raises ValueError at its end."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.at + size > len(self.data):
            raise ValueError("truncated")
        chunk = self.data[self.at:self.at + size]
        self.at += size
        return chunk

    def uint32(self) -> int:
        return int.from_bytes(self.take(4), "big")

    def string(self) -> bytes:
        return self.take(self.uint32())

    def mpint(self) -> int:
        return int.from_bytes(self.string(), "big", signed=True)

    def done(self) -> bool:
        return self.at == len(self.data)


# --- keys ---------------------------------------------------------------------------------------


# what goes wrong reading a key file, per kind of file: whole sentences for translators
_KEY_FILE_PROBLEMS = {
    "private key": {
        "missing": N_("{path}: no such file (private key)"),
        "folder": N_("{path}: is a folder, not a private key"),
        "unreadable": N_("{path}: cannot read the private key: {problem}"),
        "large": N_("{path}: too large for a private key"),
    },
    "public key": {
        "missing": N_("{path}: no such file (public key)"),
        "folder": N_("{path}: is a folder, not a public key"),
        "unreadable": N_("{path}: cannot read the public key: {problem}"),
        "large": N_("{path}: too large for a public key"),
    },
    "passphrase file": {
        "missing": N_("{path}: no such file (passphrase file)"),
        "folder": N_("{path}: is a folder, not a passphrase file"),
        "unreadable": N_("{path}: cannot read the passphrase file: {problem}"),
        "large": N_("{path}: too large for a passphrase file"),
    },
    "allowed signers file": {
        "missing": N_("{path}: no such file (allowed signers file)"),
        "folder": N_("{path}: is a folder, not an allowed signers file"),
        "unreadable": N_("{path}: cannot read the allowed signers file: {problem}"),
        "large": N_("{path}: too large for an allowed signers file"),
    },
}


def _read_key_file(path: Path, what: str) -> bytes:
    problems = _KEY_FILE_PROBLEMS[what]
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SigningKeyError(_(problems["missing"]).format(path=path)) from None
    except IsADirectoryError:
        raise SigningKeyError(_(problems["folder"]).format(path=path)) from None
    except OSError as exc:
        raise SigningKeyError(_(problems["unreadable"]).format(
            path=path, problem=exc.strerror or exc)) from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise SigningKeyError(_(problems["large"]).format(path=path))
    return data


def _public_blob(public_key) -> bytes:
    """A ``cryptography`` public key in SSH wire format (what an SSH signature embeds)."""
    from cryptography.hazmat.primitives import serialization

    line = public_key.public_bytes(serialization.Encoding.OpenSSH,
                                   serialization.PublicFormat.OpenSSH)
    return base64.b64decode(line.split()[1])


def _key_type(blob: bytes) -> str:
    try:
        return _Reader(blob).string().decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return "?"


def fingerprint(blob: bytes) -> str:
    """A public key's fingerprint as ``ssh-keygen -l`` shows it: ``SHA256:...``."""
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")
    return f"SHA256:{digest}"


def describe_key(blob: bytes) -> str:
    """``ED25519 key SHA256:...``: a public key as a person can compare it with ssh-keygen."""
    kind = _key_type(blob)
    name = {"ssh-ed25519": "ED25519", "ssh-rsa": "RSA"}.get(
        kind, "ECDSA" if kind.startswith("ecdsa-") else kind)
    return _("{kind} key {fingerprint}").format(kind=name, fingerprint=fingerprint(blob))


@dataclass(frozen=True)
class SigningKey:
    """A private key, ready to sign: loaded (and its passphrase used) once, then passed to
    every build of a batch, also to worker processes (it pickles; a ``cryptography`` key does
    not). The key's bytes never leave the process tree and are never written anywhere."""

    source: str  # the key file, as given
    public_blob: bytes
    _private: bytes = field(repr=False)  # unencrypted OpenSSH PEM, for this process only

    def sign(self, message: bytes) -> str:
        """The armored SSH signature of ``message`` (namespace ``dpia``)."""
        from cryptography.hazmat.primitives import serialization

        key = serialization.load_ssh_private_key(self._private, password=None)
        return armor(_sshsig(key, self.public_blob, message))

    @property
    def description(self) -> str:
        return describe_key(self.public_blob)


def _load_private(data: bytes, passphrase: bytes | None, path: Path):
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization

    openssh = b"-----BEGIN OPENSSH PRIVATE KEY-----" in data
    try:
        if openssh:
            return serialization.load_ssh_private_key(data, password=passphrase)
        return serialization.load_pem_private_key(data, password=passphrase)
    except TypeError:
        # cryptography's way of saying: a passphrase is needed, or was given for a plain key
        if passphrase is None:
            raise PassphraseNeeded(_(
                "{path}: the key is protected by a passphrase; give it with "
                "--passphrase-file FILE or in the variable {variable}, or run dpia on a "
                "terminal to be asked for it").format(path=path,
                                                      variable=PASSPHRASE_VARIABLE)) from None
        return _load_private(data, None, path)  # a passphrase for a key without one
    except UnsupportedAlgorithm as exc:
        raise SigningKeyError(_("{path}: this kind of key cannot be used to sign ({problem})")
                              .format(path=path, problem=exc)) from None
    except ValueError:
        if passphrase is not None and (openssh or b"ENCRYPTED" in data):
            raise SigningKeyError(_("{path}: wrong passphrase for the key").format(
                path=path)) from None
        raise SigningKeyError(_(
            "{path}: not a private key dpia can read (give an OpenSSH or PEM private key "
            "file, e.g. one made by ssh-keygen -t ed25519)").format(path=path)) from None


def load_signing_key(path: str | Path, passphrase: bytes | None = None) -> SigningKey:
    """The private key in the file ``path`` (OpenSSH or PEM; Ed25519, ECDSA or RSA),
    opened with ``passphrase`` if it has one. Raises PassphraseNeeded when it has one and
    none was given, SigningKeyError for anything else that stops it being used."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    path = Path(path)
    data = _read_key_file(path, "private key")
    if data.lstrip().startswith((b"ssh-", b"ecdsa-")):
        raise SigningKeyError(_(
            "{path}: this is a public key; --sign needs the private key (the file without "
            ".pub)").format(path=path))
    key = _load_private(data, passphrase, path)
    if not isinstance(key, (ed25519.Ed25519PrivateKey, ec.EllipticCurvePrivateKey,
                            rsa.RSAPrivateKey)):
        raise SigningKeyError(_("{path}: only Ed25519, ECDSA and RSA keys can sign a report")
                              .format(path=path))
    if isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name not in _CURVES:
        raise SigningKeyError(_("{path}: ECDSA keys on {curve} cannot sign in SSH format; use "
                                "Ed25519").format(path=path, curve=key.curve.name))
    if isinstance(key, rsa.RSAPrivateKey) and key.key_size < 2048:
        raise SigningKeyError(_("{path}: an RSA key of {bits} bits is too weak; use Ed25519")
                              .format(path=path, bits=key.key_size))
    private = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
    return SigningKey(str(path), _public_blob(key.public_key()), private)


def read_passphrase_file(path: str | Path) -> bytes:
    """The passphrase in the file ``path``: its first line, without the line break."""
    data = _read_key_file(Path(path), "passphrase file")
    return data.splitlines()[0] if data else b""


# --- SSHSIG ---------------------------------------------------------------------------------

# ECDSA curve (cryptography's name) -> (SSH curve name, hash)
_CURVES = {"secp256r1": ("nistp256", "SHA256"), "secp384r1": ("nistp384", "SHA384"),
           "secp521r1": ("nistp521", "SHA512")}


def _signed_data(message: bytes, namespace: str, hash_name: str) -> bytes:
    """What an SSH signature signs (PROTOCOL.sshsig): the message's hash, in its context."""
    digest = hashlib.new(hash_name, message).digest()
    return (_MAGIC + _string(namespace.encode()) + _string(b"") + _string(hash_name.encode())
            + _string(digest))


def _sshsig(key, public_blob: bytes, message: bytes) -> bytes:
    """The binary SSHSIG blob: ``message`` signed by the private ``key``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, utils

    data = _signed_data(message, NAMESPACE, _HASH)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        signature = _string(b"ssh-ed25519") + _string(key.sign(data))
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        curve, hash_name = _CURVES[key.curve.name]
        r, s = utils.decode_dss_signature(key.sign(data, ec.ECDSA(getattr(hashes, hash_name)())))
        signature = _string(f"ecdsa-sha2-{curve}".encode()) + _string(_mpint(r) + _mpint(s))
    else:
        signature = _string(b"rsa-sha2-512") + _string(
            key.sign(data, padding.PKCS1v15(), hashes.SHA512()))
    return (_MAGIC + _VERSION.to_bytes(4, "big") + _string(public_blob)
            + _string(NAMESPACE.encode()) + _string(b"") + _string(_HASH.encode())
            + _string(signature))


def armor(blob: bytes) -> str:
    """An SSHSIG blob as ``ssh-keygen -Y sign`` writes it (base64 in lines of 70)."""
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return "\n".join([_BEGIN, *lines, _END]) + "\n"


@dataclass(frozen=True)
class SshSignature:
    """An SSH signature as read: the signer's public key, namespace, hash and signature."""

    public_blob: bytes
    namespace: str
    hash_name: str
    algorithm: str
    signature: bytes


def parse_signature(armored: str) -> SshSignature:
    """Read an armored SSH signature; raises ValueError with what is wrong."""
    text = armored.strip()
    if not text.startswith(_BEGIN) or not text.endswith(_END):
        raise ValueError(_("not an SSH signature (no BEGIN/END SSH SIGNATURE lines)"))
    body = "".join(text[len(_BEGIN):-len(_END)].split())
    try:
        blob = base64.b64decode(body, validate=True)
    except binascii.Error:
        raise ValueError(_("the signature is not valid base64")) from None
    reader = _Reader(blob)
    try:
        if reader.take(6) != _MAGIC:
            raise ValueError(_("not an SSHSIG signature"))
        version = reader.uint32()
        if version != _VERSION:
            raise ValueError(_("SSHSIG version {version} is not supported").format(
                version=version))
        public_blob = reader.string()
        namespace = reader.string().decode("utf-8", "replace")
        reader.string()  # reserved
        hash_name = reader.string().decode("ascii", "replace")
        inner = _Reader(reader.string())
        algorithm = inner.string().decode("ascii", "replace")
        signature = inner.string()
    except ValueError as exc:
        if str(exc) == "truncated":  # _Reader's own word, not a message
            raise ValueError(_("the signature is truncated")) from None
        raise
    if not reader.done() or not inner.done():
        raise ValueError(_("the signature has data after its end"))
    return SshSignature(public_blob, namespace, hash_name, algorithm, signature)


def signature_matches(sig: SshSignature, message: bytes) -> bool:
    """True when ``sig`` is a valid signature of ``message`` by the key it names (not whether
    that key is trusted: that is the caller's question)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

    if sig.hash_name not in ("sha256", "sha512"):
        return False
    try:
        key_type = _key_type(sig.public_blob)
        line = key_type.encode() + b" " + base64.b64encode(sig.public_blob)
        public = serialization.load_ssh_public_key(line)
    except Exception:  # noqa: BLE001 - a key cryptography cannot read matches nothing
        return False
    data = _signed_data(message, sig.namespace, sig.hash_name)
    try:
        if isinstance(public, ed25519.Ed25519PublicKey) and sig.algorithm == "ssh-ed25519":
            public.verify(sig.signature, data)
        elif isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name in _CURVES:
            curve, hash_name = _CURVES[public.curve.name]
            if sig.algorithm != f"ecdsa-sha2-{curve}":
                return False
            reader = _Reader(sig.signature)
            der = utils.encode_dss_signature(reader.mpint(), reader.mpint())
            public.verify(der, data, ec.ECDSA(getattr(hashes, hash_name)()))
        elif isinstance(public, rsa.RSAPublicKey) and sig.algorithm in ("rsa-sha2-512",
                                                                        "rsa-sha2-256"):
            algorithm = hashes.SHA512() if sig.algorithm == "rsa-sha2-512" else hashes.SHA256()
            public.verify(sig.signature, data, padding.PKCS1v15(), algorithm)
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


# --- who is trusted: --key, --allowed-signers -------------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    """A public key a report may be signed with, and who holds it."""

    blob: bytes
    principals: tuple[str, ...] = ()  # from an allowed signers file; () for --key
    namespaces: tuple[str, ...] | None = None  # None: any
    valid_after: dt.datetime | None = None
    valid_before: dt.datetime | None = None
    source: str = ""  # FILE or FILE:LINE


def _public_key_blob(keytype: str, text: str) -> bytes:
    """A public key's wire bytes from its ``keytype base64`` form; ValueError if it is none."""
    from cryptography.hazmat.primitives import serialization

    try:
        blob = base64.b64decode(text, validate=True)
        serialization.load_ssh_public_key(f"{keytype} {text}".encode("ascii"))
    except Exception as exc:  # noqa: BLE001 - cryptography raises several kinds
        raise ValueError(_("not a public key ({keytype})").format(keytype=keytype)) from exc
    if _key_type(blob) != keytype:
        raise ValueError(_("the key says it is {actual}, not {keytype}").format(
            actual=_key_type(blob), keytype=keytype))
    return blob


def load_public_key(path: str | Path) -> tuple[TrustedKey, ...]:
    """The OpenSSH public key in ``path`` (a ``.pub`` file: ``TYPE BASE64 [comment]``)."""
    path = Path(path)
    data = _read_key_file(path, "public key")
    if b"PRIVATE KEY" in data:
        raise SigningKeyError(_(
            "{path}: this is a private key; --key needs the public key (the .pub file); "
            "never hand a private key to anyone checking a report").format(path=path))
    lines = [line for line in data.decode("utf-8", "replace").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    parts = lines[0].split() if len(lines) == 1 else []
    try:
        if len(parts) < 2:
            raise ValueError(_("one line TYPE BASE64 [comment] expected"))
        blob = _public_key_blob(parts[0], parts[1])
    except ValueError as exc:
        raise SigningKeyError(_("{path}: not an OpenSSH public key: {problem}").format(
            path=path, problem=exc)) from None
    return (TrustedKey(blob, source=str(path)),)


_KEY_TYPES = ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-")
_OPTION = re.compile(r'\s*([A-Za-z-]+)(?:="([^"]*)")?\s*(?:,|$)')


def _field(text: str) -> tuple[str, str]:
    """The first white-space separated field of ``text`` (double quotes keep spaces), and
    the rest."""
    text = text.lstrip()
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char.isspace() and not quoted:
            return text[:index], text[index:].lstrip()
    return text, ""


def _when(value: str) -> dt.datetime:
    """An allowed signers time, ``YYYYMMDD[HHMM[SS]][Z]`` (local time unless Z)."""
    utc = value.endswith(("Z", "z"))
    digits = value.rstrip("Zz")
    formats = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
    if len(digits) not in formats or not digits.isdigit():
        raise ValueError(_("bad time {value!r}").format(value=value))
    moment = dt.datetime.strptime(digits, formats[len(digits)])
    return moment.replace(tzinfo=dt.UTC) if utc else moment.astimezone()


def _allowed_signer(line: str, source: str) -> TrustedKey | None:
    """One line of an allowed signers file (sshd(8) ALLOWED SIGNERS), None for lines that
    name a certificate authority (dpia checks plain keys only)."""
    principals, rest = _field(line)
    principals = principals.strip('"')
    options: dict[str, str] = {}
    token, after = _field(rest)
    if not token.startswith(_KEY_TYPES) and not token.startswith("sk-"):
        for match in _OPTION.finditer(token):
            if match.group(1):
                options[match.group(1).lower()] = match.group(2) or ""
        token, after = _field(after)
    keytype = token
    key_text, _comment = _field(after)
    if not principals or not keytype or not key_text:
        raise ValueError(_("expected: PRINCIPALS [OPTIONS] KEYTYPE BASE64-KEY"))
    if "cert-authority" in options:
        return None
    namespaces = tuple(options["namespaces"].split(",")) if "namespaces" in options else None
    return TrustedKey(
        _public_key_blob(keytype, key_text),
        principals=tuple(p for p in principals.split(",") if p),
        namespaces=namespaces,
        valid_after=_when(options["valid-after"]) if "valid-after" in options else None,
        valid_before=_when(options["valid-before"]) if "valid-before" in options else None,
        source=source,
    )


def load_allowed_signers(path: str | Path) -> tuple[TrustedKey, ...]:
    """The keys of an allowed signers file, as ``ssh-keygen -Y verify -f`` reads it."""
    path = Path(path)
    text = _read_key_file(path, "allowed signers file").decode("utf-8", "replace")
    keys = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            key = _allowed_signer(line.strip(), f"{path}:{number}")
        except ValueError as exc:
            raise SigningKeyError(_("{place}: not an allowed signers line: {problem}").format(
                place=f"{path}:{number}", problem=exc)) from None
        if key is not None:
            keys.append(key)
    if not keys:
        raise SigningKeyError(_("{path}: the allowed signers file lists no key").format(
            path=path))
    return tuple(keys)


def _trusted_by(keys: tuple[TrustedKey, ...], sig: SshSignature,
                now: dt.datetime) -> list[TrustedKey]:
    return [
        key for key in keys
        if key.blob == sig.public_blob
        and (key.namespaces is None
             or any(fnmatch.fnmatchcase(NAMESPACE, pattern) for pattern in key.namespaces))
        and (key.valid_after is None or now >= key.valid_after)
        and (key.valid_before is None or now <= key.valid_before)
    ]


# --- the report's signature part --------------------------------------------------------------


def signature_part(armored: str) -> bytes:
    """The custom XML part holding an armored signature, the armor on lines of its own (so
    that ``sed`` can cut it out for ``ssh-keygen``)."""
    root = etree.Element(ROOT_TAG, nsmap={None: SIGNATURE_XML_NAMESPACE})
    root.set("signs", "provenance")
    root.text = "\n" + armored.strip() + "\n"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _is_signature(blob: bytes) -> bool:
    """True for the XML of a dpia signature part (looked for near the start first: the
    record part beside it can be megabytes long)."""
    if SIGNATURE_XML_NAMESPACE.encode() not in blob[:4096]:
        return False
    try:
        return etree.fromstring(blob, _PARSER).tag == ROOT_TAG
    except etree.XMLSyntaxError:
        return False


def embed_signature(document, sign: Callable[[bytes], str] | None) -> None:
    """Sign the provenance part of a python-docx ``Document`` (added by
    ``provenance.embed``) with ``sign`` (e.g. ``SigningKey.sign``) and add the signature as
    a custom XML part of its own. Call after ``provenance.embed``, before saving. With
    ``sign`` None, only drop a signature the document has (a signed report given as
    ``--template``): an unsigned report carries none."""
    from dpia import docxml, provenance

    if sign is None:
        docxml.drop_custom_xml_parts(document, lambda part: _is_signature(part.blob))
        return
    record_part = docxml.custom_xml_part(document, provenance.PART_NAME)
    if record_part is None:
        raise ValueError("sign after embedding the provenance record")
    docxml.add_custom_xml_part(
        document, PART_NAME, signature_part(sign(record_part)),
        props_partname=PROPS_PART_NAME,
        props=docxml.custom_xml_props(ITEM_ID, SIGNATURE_XML_NAMESPACE),
        replaces=_is_signature)


def read_signatures(path: str | Path) -> list[tuple[str, str]]:
    """Every dpia signature part of the report at ``path``: (part name, its text). Run after
    ``provenance.extract`` has checked the file (its limits, no XML entities)."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("customXml/") and name.count("/") == 1
                    and name.endswith(".xml")):
                continue
            blob = archive.read(name)
            if SIGNATURE_XML_NAMESPACE.encode() not in blob[:4096]:
                continue
            try:
                root = etree.fromstring(blob, _PARSER)
            except etree.XMLSyntaxError:
                # a damaged signature is a signature that fails, not a report without one
                found.append((name, ""))
                continue
            if root.tag == ROOT_TAG:
                found.append((name, root.text or ""))
    return found


@dataclass(frozen=True)
class SignatureCheck:
    """What ``dpia verify`` found out about a report's signature."""

    signed: bool
    valid: bool  # the signature is good for the record (False when not signed)
    trusted: bool  # made with a key that --key or --allowed-signers names
    required: bool  # a key to check it with was given
    key: str = ""  # the signer's key, as describe_key shows it
    principals: tuple[str, ...] = ()  # who holds that key, from the allowed signers file
    problem: str = ""  # why it fails, one line

    @property
    def ok(self) -> bool:
        """False for a signature that fails, and for a missing one when a key was given."""
        return not self.problem

    def lines(self) -> Iterator[str]:
        """The summary lines of a verification that holds."""
        if not self.signed:
            yield _("  signature: not signed")
        elif self.trusted and self.principals:
            yield _("  signature: valid, signed by {principals} ({key})").format(
                principals=", ".join(self.principals), key=self.key)
        elif self.trusted:
            yield _("  signature: valid, signed with the key given ({key})").format(key=self.key)
        else:
            yield _("  signature: valid for its own key ({key}), which was not checked: give "
                    "--key or --allowed-signers to know who signed").format(key=self.key)


def check_report(path: str | Path, record_data: dict,
                 trusted: tuple[TrustedKey, ...] | None = None,
                 *, now: dt.datetime | None = None) -> SignatureCheck:
    """Check the signature of the report at ``path`` over ``record_data`` (its provenance
    record, as ``provenance.extract`` read it): valid, and made with a ``trusted`` key when
    any are given (then a report without a signature fails too)."""
    from dpia import provenance

    required = trusted is not None
    signatures = read_signatures(path)
    if not signatures:
        problem = _("SIGNATURE MISSING: the report is not signed, but a signed report was "
                    "expected (--key/--allowed-signers)") if required else ""
        return SignatureCheck(False, False, False, required, problem=problem)
    if len(signatures) > 1:
        names = ", ".join(name for name, _ in signatures)
        return SignatureCheck(True, False, False, required, problem=_(
            "SIGNATURE INVALID: the report holds {count} signatures ({names}); a dpia build "
            "writes one").format(count=len(signatures), names=names))
    try:
        sig = parse_signature(signatures[0][1])
    except ValueError as exc:
        return SignatureCheck(True, False, False, required, problem=_(
            "SIGNATURE INVALID: {part}: {problem}").format(part=signatures[0][0], problem=exc))
    key = describe_key(sig.public_blob)
    if sig.namespace != NAMESPACE:
        return SignatureCheck(True, False, False, required, key, problem=_(
            "SIGNATURE INVALID: signed for {namespace!r}, not for a dpia report (namespace "
            "{expected!r})").format(namespace=sig.namespace, expected=NAMESPACE))
    if not signature_matches(sig, provenance.record_part(record_data)):
        return SignatureCheck(True, False, False, required, key, problem=_(
            "SIGNATURE INVALID: the signature by {key} does not match the embedded record: "
            "the record was changed after it was signed, or the signature is another "
            "report's").format(key=key))
    if not required:
        return SignatureCheck(True, True, False, False, key)
    holders = _trusted_by(trusted, sig, now or dt.datetime.now(dt.UTC))
    if not holders:
        sources = sorted({t.source.rpartition(":")[0] if t.principals else t.source
                          for t in trusted})
        return SignatureCheck(True, True, False, True, key, problem=_(
            "SIGNATURE INVALID: signed with {key}, which is not among the keys given "
            "({sources}) for dpia reports").format(key=key, sources=", ".join(sources)))
    principals = tuple(dict.fromkeys(p for t in holders for p in t.principals))
    return SignatureCheck(True, True, True, True, key, principals)
