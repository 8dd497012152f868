"""Course-wide switches read from the environment, in one place.

``D2LMINI_QUICK=1`` turns on quick mode: the notebooks shrink epochs, image
sizes and sample counts so that CI can re-execute them in seconds. It is off
by default, so a student always gets the full-fidelity chapter.
"""
import os

QUICK = os.environ.get('D2LMINI_QUICK', '0') == '1'
