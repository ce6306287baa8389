"""The suite asserts dpia's English messages: the locale of whoever runs it must not
translate them (dpia.i18n reads LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Tests of other
languages set these themselves."""

import os

from dpia.i18n import LOCALE_VARIABLES

for _variable in LOCALE_VARIABLES:
    if _variable != "LANG":
        os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"
