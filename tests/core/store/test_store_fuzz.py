"""Any bytes given as a data file: the store either opens it (it is ours and healthy) or
refuses it with a StoreError — never a raw sqlite3 error, never a changed file, never a
file left beside it."""
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_desktop.core.store import Store, StoreError

from tests.untouched import digest, folder_state
from tests.conftest import DATA

MAGIC = b"SQLite format 3\x00"
_settings = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def _open_each_way(path: Path) -> list[tuple[str, str, bool]]:
    """Open ``path`` read-only, then (if refused) for writing, as the verbs and the window do:
    for each opener tried, (opener, "refused" | "read" | "a report refused", whether the
    file and its folder are byte for byte as they were).  Anything but StoreError escapes."""
    folder = path.parent
    before, files = digest(path), folder_state(folder)
    ends = []
    for name, opener in (("read-only", Store.open_readonly), ("writing", Store)):
        try:
            store = opener(path)
        except StoreError:
            ends.append((name, "refused", digest(path) == before and folder_state(folder) == files))
            continue
        try:            # opened: it was ours after all; reading it raises only StoreError
            for info in store.list_reports():
                store.load(info.id)
            end = "read"
        except StoreError:
            end = "a report refused"
        finally:
            store.close()
        ends.append((name, end, digest(path) == before and folder_state(folder) == files))
        break
    return ends


@_settings
@given(st.binary(min_size=1, max_size=6000), st.booleans())
def test_arbitrary_bytes_are_refused_untouched(data, with_magic):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.sqlite3"
        path.write_bytes((MAGIC + data) if with_magic else data)
        # Not a store of ours (no application id, no schema): refused both ways, untouched.
        assert _open_each_way(path) == [("read-only", "refused", True), ("writing", "refused", True)]


_STORE: dict[str, bytes] = {}


def _store_bytes() -> bytes:
    if "b" not in _STORE:
        with tempfile.TemporaryDirectory() as tmp:
            from report_desktop.core import jsonio
            path = Path(tmp) / "r.sqlite3"
            with Store(path) as s:
                s.save(jsonio.read(DATA / "shuozhou-2024.json"))
            _STORE["b"] = path.read_bytes()
    return _STORE["b"]


@_settings
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
                min_size=1, max_size=12))
def test_a_store_with_flipped_bytes_opens_or_is_refused_untouched(flips):
    data = bytearray(_store_bytes())
    for offset, mask in flips:
        data[offset % len(data)] ^= mask
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.sqlite3"
        path.write_bytes(bytes(data))
        ends = _open_each_way(path)
        # A refusal leaves everything as it was; so does a read-only open, whatever it read.
        assert all(untouched for name, end, untouched in ends
                   if end == "refused" or name == "read-only"), ends
        shutil.rmtree(Path(tmp) / "backups", ignore_errors=True)
