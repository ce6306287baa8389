"""Run by LibreOffice's own Python (it imports ``uno``), never by dpia's interpreter.

    python office_export.py SOFFICE REPORT.docx REPORT.pdf PROFILE_URL PIPE_NAME

Starts LibreOffice headless on a private profile and pipe, opens the report hidden, updates
every index (so the table of contents gets its page numbers, which a plain
``--convert-to pdf`` leaves out), and exports a tagged PDF with bookmarks. Kept to the
Python that every LibreOffice since 7.0 bundles: no dpia imports, nothing newer than Python 3.8.
"""

import subprocess
import sys
import time

import uno  # the bridge: only LibreOffice's Python has it
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60
# What the PDF export is asked for: accessible (tagged, PDF/UA), navigable (bookmarks from
# the headings), and the document's own title in the viewer's title bar.
PDF_OPTIONS = (
    ("UseTaggedPDF", True),
    ("PDFUACompliance", True),
    ("ExportBookmarks", True),
    ("DisplayPDFDocumentTitle", True),
    ("ExportNotes", False),
)


def _property(name, value):
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _connect(resolver, pipe, office):
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(url)
        except NoConnectException:
            if office.poll() is not None:
                raise SystemExit(
                    f"LibreOffice stopped while starting (exit {office.returncode})") from None
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"LibreOffice did not start within {CONNECT_SECONDS} s") from None
            time.sleep(0.1)


def export(soffice, source, target, profile, pipe):
    """Open ``source`` in a LibreOffice started for this call alone and write ``target``."""
    office = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
         "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        context = _connect(resolver, pipe, office)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0, (_property("Hidden", True),))
        if document is None:
            raise SystemExit("LibreOffice could not open the report")
        indexes = document.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        document.refresh()
        options = uno.Any("[]com.sun.star.beans.PropertyValue",
                          tuple(_property(name, value) for name, value in PDF_OPTIONS))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), (
            _property("FilterName", "writer_pdf_Export"),
            PropertyValue("FilterData", 0, options, 0))))
        document.close(True)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge goes down with the office: expected
                pass
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    export(*sys.argv[1:6])
