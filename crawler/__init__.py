"""fanwen: an archiving crawler for Chinese template (范文) sites."""

import os

# numpy arrives with sqlite-utils and drives the near-duplicate index on
# vectors of a few thousand numbers: OpenBLAS's worker threads would only spin
# on the other cores (measured ~4% of a core during an export). Set before
# numpy is first imported; an explicit setting in the environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

__version__ = "0.1.0"
