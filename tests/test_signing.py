"""Signed reports: dpia build --sign, dpia verify --key / --allowed-signers, and the same
signatures checked (and made) by OpenSSH's ssh-keygen."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from dpia import provenance, signing
from dpia.cli import cli
from dpia.report import render
from tests.factories import sample_scored
from tests.workbooks import minimal_sheets, set_cell, write_workbook

ROOT = Path(__file__).resolve().parent.parent
SSH_KEYGEN = shutil.which("ssh-keygen")
needs_ssh_keygen = pytest.mark.skipif(SSH_KEYGEN is None, reason="OpenSSH not installed")


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def make_key(folder: Path, name: str = "dpo", kind: str = "ed25519",
             passphrase: bytes | None = None) -> tuple[Path, Path]:
    """An OpenSSH key pair as ssh-keygen writes it: (private key file, public key file)."""
    key = {"ed25519": ed25519.Ed25519PrivateKey.generate,
           "ecdsa": lambda: ec.generate_private_key(ec.SECP256R1()),
           "rsa": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)}[kind]()
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    private = folder / name
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.OpenSSH, encryption))
    public = folder / f"{name}.pub"
    public.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        + f" {name}@example.org\n".encode())
    return private, public


def allowed_signers(folder: Path, *lines: tuple[str, Path]) -> Path:
    """An allowed signers file: (principal, public key file) per line."""
    path = folder / "allowed_signers"
    path.write_text("".join(
        f"{principal} {' '.join(pub.read_text().split()[:2])}\n" for principal, pub in lines))
    return path


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_workbook(tmp_path / "loyalty.xlsx", minimal_sheets())


@pytest.fixture
def keys(tmp_path) -> tuple[Path, Path]:
    return make_key(tmp_path)


@pytest.fixture
def signed(tmp_path, workbook, keys) -> Path:
    report = tmp_path / "report.docx"
    result = run("build", workbook, "-o", report, "--sign", keys[0])
    assert result.exit_code == 0, result.output
    return report


def replace_part(report: Path, name: str, data: bytes, target: Path | None = None) -> Path:
    """``report`` with the zip member ``name`` replaced by ``data`` (as a forger would)."""
    target = target or report
    with zipfile.ZipFile(report) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, blob in parts.items():
            archive.writestr(member, blob)
    return target


def part(report: Path, name: str) -> bytes:
    with zipfile.ZipFile(report) as archive:
        return archive.read(name)


# --- what a user sees -------------------------------------------------------------------------


def test_a_signed_report_verifies_with_the_signers_public_key(signed, keys):
    result = run("verify", signed, "--key", keys[1])
    assert result.exit_code == 0, result.output
    fingerprint = signing.fingerprint(signing.load_public_key(keys[1])[0].blob)
    assert f"  signature: valid, signed with the key given (ED25519 key {fingerprint})" \
        in result.output.splitlines()


def test_allowed_signers_say_who_signed(signed, keys, tmp_path):
    other = make_key(tmp_path, "auditor")[1]
    signers = allowed_signers(tmp_path, ("auditor@example.org", other),
                              ("dpo@example.org", keys[1]))
    result = run("verify", signed, "--allowed-signers", signers)
    assert result.exit_code == 0, result.output
    assert re.search(r"^  signature: valid, signed by dpo@example\.org \(ED25519 key SHA256:",
                     result.output, re.MULTILINE)


def test_an_unsigned_report_says_not_signed_and_still_verifies(tmp_path, workbook):
    report = tmp_path / "plain.docx"
    assert run("build", workbook, "-o", report).exit_code == 0
    result = run("verify", report)
    assert result.exit_code == 0, result.output
    assert "  signature: not signed" in result.output.splitlines()


def test_a_missing_signature_fails_when_a_key_is_given(tmp_path, workbook, keys):
    report = tmp_path / "plain.docx"
    assert run("build", workbook, "-o", report).exit_code == 0
    result = run("verify", report, "--key", keys[1])
    assert result.exit_code == 1
    assert f"{report}: SIGNATURE MISSING: the report is not signed" in result.output


def test_a_report_signed_by_another_key_is_said_loudly(signed, tmp_path):
    stranger = make_key(tmp_path, "stranger")[1]
    result = run("verify", signed, "--key", stranger)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{signed}: verification failed: Customer loyalty programme, version 1.0"
    assert lines[1].startswith(f"{signed}: SIGNATURE INVALID: signed with ED25519 key SHA256:")
    assert "which is not among the keys given" in lines[1]


def test_an_allowed_signer_for_other_namespaces_only_is_not_trusted(signed, keys, tmp_path):
    signers = tmp_path / "allowed_signers"
    signers.write_text(f'dpo@example.org namespaces="git,file" '
                       f'{" ".join(keys[1].read_text().split()[:2])}\n')
    result = run("verify", signed, "--allowed-signers", signers)
    assert result.exit_code == 1
    assert "SIGNATURE INVALID" in result.output


def test_allowed_signers_options_and_comments_are_read_as_ssh_keygen_reads_them(signed, keys,
                                                                              tmp_path):
    key = " ".join(keys[1].read_text().split()[:2])
    signers = tmp_path / "allowed_signers"
    signers.write_text(
        "# the DPO and the deputy\n\n"
        f'"dpo@example.org,deputy@example.org" namespaces="dpia",valid-after="20200101" {key} '
        "laptop key\n")
    result = run("verify", signed, "--allowed-signers", signers)
    assert result.exit_code == 0, result.output
    assert "signed by dpo@example.org, deputy@example.org (ED25519 key" in result.output
    signers.write_text(f'dpo@example.org valid-before="20200101Z" {key}\n')  # expired
    assert run("verify", signed, "--allowed-signers", signers).exit_code == 1
    signers.write_text("dpo@example.org ssh-ed25519 not-base64!\n")
    broken = run("verify", signed, "--allowed-signers", signers)
    assert broken.exit_code == 1
    assert f"{signers}:1: not an allowed signers line" in broken.output


def test_a_full_forgery_re_hashed_record_is_caught_by_the_signature(signed, keys):
    """The record edited and its hash recomputed (R2's residual level lowered consistently):
    the hashes agree, the signature does not."""
    record = provenance.extract(signed)
    for row in record["assessment"]["risks"]:
        if row["id"] == "R2":
            row["residual"].update(level=0, level_name="Low", score=2, likelihood=1,
                                   likelihood_name="Remote")
            row["residual_likelihood"] = 1
    record["assessment_sha256"] = provenance.assessment_hash(record["assessment"])
    replace_part(signed, "customXml/dpia-provenance.xml", provenance.record_part(record))
    for args in ((), ("--key", keys[1])):
        result = run("verify", signed, *args)
        assert result.exit_code == 1
        first_finding = result.output.splitlines()[1]
        assert first_finding.startswith(
            f"{signed}: SIGNATURE INVALID: the signature by ED25519 key SHA256:")
        assert "does not match the embedded record" in first_finding


def test_a_forged_report_with_the_genuine_signature_copied_in_fails(signed, tmp_path, keys):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", "Remote")  # Medium -> Low
    forged_workbook = write_workbook(tmp_path / "forged.xlsx", sheets)
    forged = tmp_path / "forged.docx"
    genuine_signature = part(signed, "customXml/dpia-signature.xml").decode()
    armored = re.search(r"-----BEGIN.*END SSH SIGNATURE-----", genuine_signature, re.S).group()
    forged.write_bytes(render(_scored(forged_workbook), lang="en",
                              signer=lambda _record: armored))
    result = run("verify", forged, "--key", keys[1])
    assert result.exit_code == 1
    assert "SIGNATURE INVALID" in result.output
    # and re-signed with the forger's own key: valid for that key, not for the DPO's
    forger = make_key(tmp_path, "forger")[0]
    forged.unlink()
    assert run("build", forged_workbook, "-o", forged, "--sign", forger).exit_code == 0
    unchecked = run("verify", forged)
    assert unchecked.exit_code == 0
    assert "which was not checked: give --key or --allowed-signers" in unchecked.output
    assert run("verify", forged, "--key", keys[1]).exit_code == 1


def _scored(workbook: Path):
    from dpia.loading import load_scored

    return load_scored(workbook, name=str(workbook))[0]


def test_a_good_signature_is_shown_when_the_pages_fail(signed, keys):
    """The record is genuine (signed), the pages were edited: the signature line says so."""
    document = docx.Document(signed)
    table = next(t for t in document.tables
                 if "Residual level" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in table.rows[0].cells]
    row = next(r for r in table.rows if r.cells[0].text == "R2")
    row.cells[header.index("Residual level")].paragraphs[0].runs[0].text = "Low"
    document.save(signed)
    result = run("verify", signed, "--key", keys[1])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(f"{signed}: Table ") and "row R2, column Residual level" in line
               for line in lines), result.output
    assert lines[-1].startswith("  signature: valid, signed with the key given (ED25519 key")


def test_the_signature_survives_a_python_docx_resave(signed, keys, tmp_path):
    copy = tmp_path / "resaved.docx"
    docx.Document(signed).save(copy)
    result = run("verify", copy, "--key", keys[1])
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_the_signature_survives_a_libreoffice_resave(signed, keys, tmp_path):
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(signed)],
        check=True, capture_output=True, timeout=300)
    names = zipfile.ZipFile(out / "report.docx").namelist()
    assert "customXml/dpia-signature.xml" not in names  # renamed: customXml/itemN.xml
    result = run("verify", out / "report.docx", "--key", keys[1])
    assert result.exit_code == 0, result.output
    assert "  signature: valid, signed with the key given" in result.output


def test_a_signed_report_given_as_template_does_not_sign_the_new_report(signed, workbook,
                                                                        tmp_path):
    report = tmp_path / "from-template.docx"
    assert run("build", workbook, "-o", report, "--template", signed).exit_code == 0
    result = run("verify", report)
    assert result.exit_code == 0, result.output
    assert "  signature: not signed" in result.output.splitlines()


# --- keys -------------------------------------------------------------------------------------


def test_the_private_key_and_passphrase_are_never_in_the_report(tmp_path, workbook):
    private, public = make_key(tmp_path, "locked", passphrase=b"correct horse")
    plain, _ = make_key(tmp_path, "plain")
    secret = signing.load_signing_key(plain)._private
    for key, extra in ((private, ["--passphrase-file", _file(tmp_path, "correct horse")]),
                       (plain, [])):
        report = tmp_path / f"{key.name}.docx"
        assert run("build", workbook, "-o", report, "--sign", key, *extra).exit_code == 0
        with zipfile.ZipFile(report) as archive:
            everything = b"".join(archive.read(name) for name in archive.namelist())
        assert b"PRIVATE KEY" not in everything
        assert b"correct horse" not in everything
        assert key.read_bytes().split(b"\n")[1] not in everything
    assert secret.split(b"\n")[1] not in everything


def _file(folder: Path, text: str) -> Path:
    path = folder / "passphrase.txt"
    path.write_text(text + "\n")
    return path


def test_a_passphrase_protected_key_opens_with_a_file_or_the_variable(tmp_path, workbook):
    private, public = make_key(tmp_path, "locked", passphrase=b"s3cret")
    by_file = run("build", workbook, "-o", tmp_path / "a.docx", "--sign", private,
                  "--passphrase-file", _file(tmp_path, "s3cret"))
    assert by_file.exit_code == 0, by_file.output
    by_variable = run("build", workbook, "-o", tmp_path / "b.docx", "--sign", private,
                      env={"DPIA_SIGN_PASSPHRASE": "s3cret"})
    assert by_variable.exit_code == 0, by_variable.output
    for name in ("a.docx", "b.docx"):
        assert run("verify", tmp_path / name, "--key", public).exit_code == 0


def test_a_passphrase_protected_key_without_its_passphrase_says_how_to_give_it(tmp_path,
                                                                              workbook):
    private, _ = make_key(tmp_path, "locked", passphrase=b"s3cret")
    report = tmp_path / "r.docx"
    result = run("build", workbook, "-o", report, "--sign", private,
                 env={"DPIA_SIGN_PASSPHRASE": None})
    assert result.exit_code == 1
    assert (f"dpia: error: {private}: the key is protected by a passphrase; give it with "
            "--passphrase-file FILE or in the variable DPIA_SIGN_PASSPHRASE") in result.output
    assert not report.exists()
    wrong = run("build", workbook, "-o", report, "--sign", private,
                "--passphrase-file", _file(tmp_path, "guess"))
    assert wrong.exit_code == 1
    assert f"dpia: error: {private}: wrong passphrase for the key" in wrong.output
    assert not report.exists()


def test_on_a_terminal_dpia_asks_for_the_passphrase(tmp_path, workbook, monkeypatch):
    import dpia.cli

    private, public = make_key(tmp_path, "locked", passphrase=b"s3cret")
    monkeypatch.setattr(dpia.cli, "_on_a_terminal", lambda: True)
    report = tmp_path / "asked.docx"
    result = run("build", workbook, "-o", report, "--sign", private, input="s3cret\n",
                 env={"DPIA_SIGN_PASSPHRASE": None})
    assert result.exit_code == 0, result.output
    assert f"Passphrase for {private}: " in result.stderr
    assert "s3cret" not in result.output  # not echoed
    assert run("verify", report, "--key", public).exit_code == 0


def test_a_damaged_signature_part_is_an_invalid_signature_not_none(signed, keys):
    replace_part(signed, "customXml/dpia-signature.xml",
                 b'<signature xmlns="urn:x-dpia:signature:1">-----BEGIN SSH')
    result = run("verify", signed)
    assert result.exit_code == 1
    assert (f"{signed}: SIGNATURE INVALID: customXml/dpia-signature.xml: not an SSH "
            "signature") in result.output


def test_the_wrong_kind_of_key_file_is_named(tmp_path, workbook, signed, keys):
    private, public = keys
    as_private = run("build", workbook, "-o", tmp_path / "x.docx", "--sign", public)
    assert as_private.exit_code == 1
    assert "this is a public key; --sign needs the private key" in as_private.output
    as_public = run("verify", signed, "--key", private)
    assert as_public.exit_code == 1
    assert "this is a private key; --key needs the public key" in as_public.output
    missing = run("verify", signed, "--key", tmp_path / "nope.pub")
    assert missing.exit_code == 1 and "nope.pub: no such file" in missing.output
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("hello\n")
    garbage = run("build", workbook, "-o", tmp_path / "y.docx", "--sign", not_a_key)
    assert garbage.exit_code == 1 and "not a private key dpia can read" in garbage.output


def test_a_passphrase_file_without_a_key_is_a_usage_error(tmp_path, workbook):
    result = run("build", workbook, "--passphrase-file", _file(tmp_path, "x"))
    assert result.exit_code == 2
    assert "give --sign KEY too" in result.output


@pytest.mark.parametrize("kind", ["ecdsa", "rsa"])
def test_ecdsa_and_rsa_keys_sign_too(tmp_path, workbook, kind):
    private, public = make_key(tmp_path, kind, kind)
    report = tmp_path / f"{kind}.docx"
    assert run("build", workbook, "-o", report, "--sign", private).exit_code == 0
    result = run("verify", report, "--key", public)
    assert result.exit_code == 0, result.output
    assert f"signed with the key given ({kind.upper()} key SHA256:" in result.output


def test_a_batch_signs_every_report(tmp_path, keys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        write_workbook(folder / f"{name}.xlsx", minimal_sheets())
    out = tmp_path / "out"
    out.mkdir()
    result = run("build", folder, "-o", out, "--sign", keys[0], "-j", "2", "-q")
    assert result.exit_code == 0, result.output
    for name in ("a", "b"):
        verified = run("verify", out / f"{name}.docx", "--key", keys[1])
        assert verified.exit_code == 0, verified.output


def test_a_signing_key_survives_pickling_for_worker_processes(keys):
    import pickle

    key = signing.load_signing_key(keys[0])
    again = pickle.loads(pickle.dumps(key))
    sig = signing.parse_signature(again.sign(b"record"))
    assert signing.signature_matches(sig, b"record")
    assert "_private" not in repr(key)


# --- OpenSSH interoperability -----------------------------------------------------------------


def _recipe() -> str:
    """The shell commands of the Signatures section of docs/verifying.md."""
    text = (ROOT / "docs" / "verifying.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Signatures"):]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


@needs_ssh_keygen
@pytest.mark.skipif(shutil.which("unzip") is None, reason="unzip not installed")
def test_the_documented_ssh_keygen_recipe_verifies_a_signed_report(signed, keys, tmp_path):
    recipe = _recipe()
    public = " ".join(keys[1].read_text().split()[:2])
    assert "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA..." in recipe
    script = recipe.replace("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA...", public)
    good = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert good.returncode == 0, good.stderr
    assert 'Good "dpia" signature for dpo@example.org with ED25519 key SHA256:' in \
        good.stdout + good.stderr
    # the same recipe on a report whose record was changed: ssh-keygen refuses it
    record = provenance.extract(signed)
    record["assessment"]["info"]["title"] = "Something else"
    record["assessment_sha256"] = provenance.assessment_hash(record["assessment"])
    replace_part(signed, "customXml/dpia-provenance.xml", provenance.record_part(record))
    bad = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0


def _ssh_keygen_key(folder: Path, kind: str) -> Path:
    key = folder / f"id_{kind}"
    args = {"ed25519": ["-t", "ed25519"], "ecdsa": ["-t", "ecdsa", "-b", "384"],
            "rsa": ["-t", "rsa", "-b", "2048"]}[kind]
    subprocess.run([SSH_KEYGEN, "-q", *args, "-N", "", "-C", f"{kind}@example.org",
                    "-f", str(key)], check=True, capture_output=True, timeout=60)
    return key


@needs_ssh_keygen
@pytest.mark.parametrize("kind", ["ed25519", "ecdsa", "rsa"])
def test_dpia_verifies_a_signature_made_by_ssh_keygen(tmp_path, kind):
    """The other way round: the provenance part signed with ``ssh-keygen -Y sign`` and put
    into the report is accepted by dpia verify --key."""
    key = _ssh_keygen_key(tmp_path, kind)
    record = tmp_path / "record.xml"

    def ssh_keygen_sign(message: bytes) -> str:
        record.write_bytes(message)
        subprocess.run([SSH_KEYGEN, "-Y", "sign", "-f", str(key), "-n", "dpia", str(record)],
                       check=True, capture_output=True, timeout=60)
        return (tmp_path / "record.xml.sig").read_text()

    report = tmp_path / "report.docx"
    report.write_bytes(render(sample_scored(), lang="en", signer=ssh_keygen_sign))
    result = run("verify", report, "--key", f"{key}.pub")
    assert result.exit_code == 0, result.output
    assert "signature: valid, signed with the key given" in result.output


@needs_ssh_keygen
@pytest.mark.parametrize("pem", [False, True], ids=["openssh", "pem"])
def test_a_passphrase_protected_key_made_by_ssh_keygen_signs(tmp_path, workbook, pem):
    key = tmp_path / "id_dpo"
    kind = ["-t", "rsa", "-b", "2048", "-m", "PEM"] if pem else ["-t", "ed25519"]
    subprocess.run([SSH_KEYGEN, "-q", *kind, "-N", "long passphrase", "-f", str(key)],
                   check=True, capture_output=True, timeout=60)
    report = tmp_path / "r.docx"
    result = run("build", workbook, "-o", report, "--sign", key,
                 "--passphrase-file", _file(tmp_path, "long passphrase"))
    assert result.exit_code == 0, result.output
    assert run("verify", report, "--key", f"{key}.pub").exit_code == 0


@needs_ssh_keygen
@pytest.mark.parametrize("kind", ["ecdsa", "rsa"])
def test_ssh_keygen_verifies_ecdsa_and_rsa_signatures_made_by_dpia(tmp_path, kind):
    key = _ssh_keygen_key(tmp_path, kind)
    message = b"the provenance part"
    (tmp_path / "m.sig").write_text(signing.load_signing_key(key).sign(message))
    signers = allowed_signers(tmp_path, ("dpo@example.org", Path(f"{key}.pub")))
    checked = subprocess.run(
        [SSH_KEYGEN, "-Y", "verify", "-f", str(signers), "-I", "dpo@example.org", "-n", "dpia",
         "-s", str(tmp_path / "m.sig")], input=message, capture_output=True, timeout=60)
    assert checked.returncode == 0, checked.stderr


def test_a_signature_of_other_bytes_or_namespace_does_not_match(keys):
    key = signing.load_signing_key(keys[0])
    sig = signing.parse_signature(key.sign(b"one record"))
    assert signing.signature_matches(sig, b"one record")
    assert not signing.signature_matches(sig, b"another record")
    with pytest.raises(ValueError, match="not an SSH signature"):
        signing.parse_signature("hello")
    with pytest.raises(ValueError, match="truncated"):
        signing.parse_signature(signing.armor(b"SSHSIG" + (1).to_bytes(4, "big") + b"\0\0\1"))


def test_what_is_signed_is_the_provenance_part_as_built(tmp_path):
    """dpia verify re-makes the signed bytes from the record it reads; for a report as built
    they are the part's bytes, so ssh-keygen over the part checks the same message."""
    report = tmp_path / "report.docx"
    report.write_bytes(render(sample_scored(), lang="en"))
    built = part(report, "customXml/dpia-provenance.xml")
    assert provenance.record_part(provenance.extract(report)) == built
