#!/usr/bin/env python3
# End-to-end tests of `pingcha watch`: each case starts the real daemon on temporary inboxes and
# checks what a user would see in --out, in the store and on /metrics. Every wait is bounded.
import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ARGS = None


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def wait_until(cond, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(interval)
    raise Failure("timed out after %.0f s waiting for %s" % (timeout, what))


def judgment_text(n, extra=""):
    # a short civil judgment, unique per n (so that no two are duplicates unless asked)
    return (
        "辽宁省本溪市中级人民法院\n民事判决书\n（2022）辽05民终%d号\n"
        "上诉人（原审被告）：本溪某建材有限公司。\n被上诉人（原审原告）：张某。\n"
        "上诉人因买卖合同纠纷一案，不服本溪市平山区人民法院（2021）辽0502民初%d号民事判决，向本院提起上诉。\n"
        "本院认为，双方之间的买卖合同合法有效，上诉人应当支付货款。依照《中华人民共和国民法典》第五百七十七条之规定，判决如下：\n"
        "驳回上诉，维持原判。\n本判决为终审判决。\n审判长　王某\n审判员　李某\n二〇二二年九月五日\n书记员　陈某\n%s"
        % (n, n + 1000, extra)
    )


class Daemon:
    def __init__(self, root, args, name="daemon"):
        self.root = root
        self.args = args
        self.log_path = os.path.join(root, name + ".log")
        self.proc = None
        self.port = None

    def start(self, expect_port=True):
        log = open(self.log_path, "ab")
        cmd = [ARGS.bin, "watch", "--plugin-path", ARGS.plugins, "--plugin-path", ARGS.fixture_plugins] + self.args
        if not any(a.startswith("--http") for a in self.args):
            cmd += ["--http", "127.0.0.1:0"]
        if os.environ.get("PINGCHA_E2E_NO_MEMCAP") and "--memory-mb" not in self.args:
            cmd += ["--memory-mb", "0"]  # sanitizers reserve terabytes of address space
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=dict(os.environ, PINGCHA_PLUGIN_PATH=""))
        log.close()
        if expect_port:
            def port():
                if self.proc.poll() is not None:
                    raise Failure("daemon exited with %s:\n%s" % (self.proc.returncode, self.log()))
                m = re.search(r"metrics on http://127\.0\.0\.1:(\d+)/metrics", self.log())
                return m and int(m.group(1))
            self.port = wait_until(port, 30, "the daemon to listen")
        return self

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def get(self, path):
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.port, path), timeout=5) as r:
            return r.status, r.read().decode()

    def metrics(self):
        _, body = self.get("/metrics")
        out = {}
        for line in body.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            key, _, value = line.rpartition(" ")
            out[key] = float(value)
        return out

    def alive(self):
        return self.proc.poll() is None

    def stop(self, timeout=40):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure("daemon did not stop within %d s after SIGTERM" % timeout)
        check(rc == 0, "daemon exited %s after SIGTERM:\n%s" % (rc, self.log()[-3000:]))

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)


def files_under(d):
    out = []
    for dirpath, dirnames, filenames in os.walk(d):
        # a symlink to a folder is listed as a folder by os.walk (and not entered): count it as a file
        for f in filenames + [x for x in dirnames if os.path.islink(os.path.join(dirpath, x))]:
            out.append(os.path.relpath(os.path.join(dirpath, f), d))
    return sorted(out)


def visible(paths):
    return [p for p in paths if not any(part.startswith(".") for part in p.split("/"))]


def store_rows(out):
    db = os.path.join(out, "pingcha.db")
    if os.path.exists(db):
        con = sqlite3.connect(db)
        try:
            rows = con.execute("SELECT id, inbox, relative_path, sha256, state, error_class FROM jobs").fetchall()
        finally:
            con.close()
        return [dict(id=r[0], inbox=r[1], relative_path=r[2], sha256=r[3], state=r[4], error_class=r[5]) for r in rows]
    journal = os.path.join(out, "journal")
    jobs = {}
    if os.path.exists(journal):
        for line in open(journal, encoding="utf-8"):
            try:
                j = json.loads(line)
            except ValueError:
                continue
            jobs[j["id"]] = j
    return list(jobs.values())


ROOTS = []


def new_root():
    root = tempfile.mkdtemp(prefix="pingcha-watch-e2e-")
    ROOTS.append(root)
    return root


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)


def results_of(out):
    return [p for p in visible(files_under(os.path.join(out, "results"))) if p.endswith(".json") or p.endswith(".jsonl")]


def wait_inbox_empty(d, inboxes, expected_results, timeout=90):
    out = os.path.join(d, "out")

    def done():
        left = sum(len(visible(files_under(i))) for i in inboxes)
        return left == 0 and len(results_of(out)) + len(visible(files_under(os.path.join(out, "failed")))) >= expected_results
    wait_until(done, timeout, "the inboxes to empty")


# ---- cases ------------------------------------------------------------------------------------

def case_config():
    """Start-up refusals (exit 2) and a properties file with every key."""
    root = new_root()
    inbox = os.path.join(root, "in")
    os.makedirs(inbox)
    # out inside the inbox: refused, nothing processed
    r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox, "--out", os.path.join(inbox, "out"), "--http", "off"],
                       capture_output=True, text=True, timeout=30)
    check(r.returncode == 2, "out inside an inbox: exit %d, want 2 (%s)" % (r.returncode, r.stderr))
    check("inside the inbox" in r.stderr, "no reason given: " + r.stderr)
    # failed folder of another out inside the inbox: the inbox inside out
    r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox, "--out", root, "--http", "off"],
                       capture_output=True, text=True, timeout=30)
    check(r.returncode == 2, "inbox inside out: exit %d, want 2" % r.returncode)
    r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox + "=no-such-pipeline", "--out", os.path.join(root, "o"),
                        "--http", "off", "--plugin-path", ARGS.plugins], capture_output=True, text=True, timeout=30)
    check(r.returncode == 2, "unknown pipeline: exit %d, want 2 (%s)" % (r.returncode, r.stderr))
    r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox, "--out", os.path.join(root, "o"), "--workers", "zero"],
                       capture_output=True, text=True, timeout=30)
    check(r.returncode == 2, "bad --workers: exit %d" % r.returncode)
    # a properties file configures everything; a flag given too wins
    out = os.path.join(root, "out")
    props = os.path.join(root, "watch.properties")
    write(props, "inbox = %s\nout = %s\nstore = journal:%s/journal\nworkers = 2\nsettle-ms = 300\n"
                 "timeout-s = 30\nmemory-mb = 0\npoll = true\npoll-ms = 200\nhttp = 127.0.0.1:1\n" % (inbox, out, out))
    d = Daemon(root, ["--config", props, "--http", "127.0.0.1:0"]).start()
    try:
        wait_until(lambda: "(polling" in d.log() or "(inotify" in d.log(), 10, "the intake to start")
        check("(polling" in d.log(), "poll = true in the file not applied:\n" + d.log())
        check(d.get("/healthz") == (200, "ok\n"), "healthz")
        write(os.path.join(inbox, "a.txt"), judgment_text(1))
        wait_until(lambda: os.path.exists(os.path.join(out, "results", "a.json")), 20, "a result")
        check(os.path.exists(os.path.join(out, "journal")), "store = journal:... not used")
        # a second daemon on the same --out is refused
        r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox, "--out", out, "--http", "off", "--store",
                            "journal:" + out + "/journal", "--plugin-path", ARGS.plugins], capture_output=True,
                           text=True, timeout=30)
        check(r.returncode == 2, "a second daemon on the same out: exit %d, want 2" % r.returncode)
        # port in use: exit 3
        r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox, "--out", os.path.join(root, "o3"),
                            "--http", "127.0.0.1:%d" % d.port, "--plugin-path", ARGS.plugins],
                           capture_output=True, text=True, timeout=30)
        check(r.returncode == 3, "port in use: exit %d, want 3 (%s)" % (r.returncode, r.stderr))
    finally:
        d.stop()
    # --daemon: the command returns at once, the pid file names the background process
    out2, pidfile = os.path.join(root, "out2"), os.path.join(root, "watch.pid")
    inbox2 = os.path.join(root, "in2")
    os.makedirs(inbox2)
    r = subprocess.run([ARGS.bin, "watch", "--inbox", inbox2, "--out", out2, "--daemon", "--pidfile", pidfile, "--log", os.path.join(root, "bg.log"),
                        "--http", "off", "--settle-ms", "200", "--memory-mb", "0", "--plugin-path", ARGS.plugins],
                       capture_output=True, text=True, timeout=30, env=dict(os.environ, PINGCHA_PLUGIN_PATH=""))
    check(r.returncode == 0, "--daemon returned %d: %s" % (r.returncode, r.stderr))
    pid = wait_until(lambda: os.path.exists(pidfile) and open(pidfile).read().strip(), 10, "the pid file")
    pid = int(pid)
    try:
        write(os.path.join(inbox2, "b.txt"), judgment_text(2))
        wait_until(lambda: os.path.exists(os.path.join(out2, "results", "b.json")), 20, "a result from the daemon")
    finally:
        os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not os.path.exists("/proc/%d" % pid) or open("/proc/%d/stat" % pid).read().split()[2] == "Z",
               40, "the background daemon to stop")
    check(not os.path.exists(pidfile), "pid file left behind")
    bg = open(os.path.join(root, "bg.log"), encoding="utf-8").read()
    check("status=ok" in bg and "stopped" in bg, "--log file: %s" % bg[-500:])


def case_exactly_once():
    """200 files (some duplicates, some junk) copied into two inboxes while the daemon runs."""
    root = new_root()
    court_a, court_b, out = (os.path.join(root, x) for x in ("court-a", "court-b", "out"))
    os.makedirs(court_a)
    os.makedirs(court_b)
    src = os.path.join(root, "src")
    expected = {}  # (label, rel) -> sha
    texts = {}
    for i in range(180):
        texts[i] = judgment_text(i).encode("utf-8")
    plan = []
    for i in range(200):
        inbox, label = (court_a, "court-a") if i % 2 == 0 else (court_b, "court-b")
        sub = "" if i % 3 else "batch-%d/" % (i % 7)
        body = texts[i] if i < 180 else texts[i - 180]  # the last 20 repeat earlier ones: duplicates
        rel = "%sdoc-%03d.txt" % (sub, i)
        write(os.path.join(src, label, rel), body)
        plan.append((inbox, label, rel))
        expected[(label, rel)] = hashlib.sha256(body).hexdigest()
    scans = []
    ocr = os.path.join(ARGS.plugins, "ocr-tesseract.so")
    scan_dir = os.path.join(ARGS.source, "testdata", "scans")
    if os.path.exists(ocr):
        # three single-page scans: OCR is slow on a shared machine, and the test is about intake
        scans = sorted(glob.glob(os.path.join(scan_dir, "*.png")))[:3]
    junk = ["x.part", "~$draft.docx", ".DS_Store", "Thumbs.db", ".hidden.txt"]
    d = Daemon(root, ["--inbox", court_a, "--inbox", court_b, "--out", out, "--workers", "2",
                      "--settle-ms", "400", "--memory-mb", "0", "--queue-max", "8"]).start()
    try:
        for inbox, label, rel in plan:
            os.makedirs(os.path.dirname(os.path.join(inbox, rel)), exist_ok=True)
            shutil.copyfile(os.path.join(src, label, rel), os.path.join(inbox, rel))
        for s in scans:
            shutil.copyfile(s, os.path.join(court_a, os.path.basename(s)))
            expected[("court-a", os.path.basename(s))] = hashlib.sha256(open(s, "rb").read()).hexdigest()
        for j in junk:
            write(os.path.join(court_a, j), b"junk")
        n = len(expected)

        depths = []

        def all_done():
            depths.append(d.metrics().get("pingcha_queue_depth", 0))
            left = [p for i in (court_a, court_b) for p in visible(files_under(i)) if not p.endswith(".part")
                    and not p.startswith("~$") and p != "Thumbs.db"]
            return not left and len(results_of(out)) >= n
        wait_until(all_done, 150, "%d files to be processed" % n, interval=0.3)
        time.sleep(1.0)  # anything processed twice would show up now
        check(max(depths) <= 8, "the queue grew past --queue-max 8: %s" % max(depths))
        results = results_of(out)
        archive = visible(files_under(os.path.join(out, "archive")))
        failed = visible(files_under(os.path.join(out, "failed")))
        check(len(results) == n, "%d results for %d files: %s" % (len(results), n, results[:5]))
        check(sorted(archive) == sorted("%s/%s" % k for k in expected), "archive differs from the files dropped")
        check(failed == [], "failures: %s" % failed)
        for label, rel in expected:
            stem = os.path.splitext(rel)[0]
            check(os.path.exists(os.path.join(out, "results", label, stem + ".json")), "no result for " + rel)
        rows = store_rows(out)
        check(len(rows) == n, "%d store rows for %d files" % (len(rows), n))
        check(len({(r["inbox"], r["relative_path"]) for r in rows}) == n, "a file has two store rows")
        db = os.path.join(out, "pingcha.db")
        if os.path.exists(db):
            # every distinct document's text is stored once, with one run (duplicates add nothing)
            con = sqlite3.connect(db)
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "documents" in tables and "runs" in tables:
                ndocs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                nruns = con.execute("SELECT count(*) FROM runs").fetchone()[0]
                check(ndocs == n - 20, "%d documents stored, want %d" % (ndocs, n - 20))
                check(nruns == n - 20, "%d runs stored, want %d" % (nruns, n - 20))
            con.close()
        dups = [r for r in rows if r["state"] == "duplicate"]
        check(len(dups) == 20, "%d duplicates recorded, want 20" % len(dups))
        check(all(r["state"] in ("done", "duplicate") for r in rows), "unexpected states: %s" % {r["state"] for r in rows})
        for r in dups:
            label = os.path.basename(r["inbox"])
            body = json.load(open(os.path.join(out, "results", label, os.path.splitext(r["relative_path"])[0] + ".json")))
            check(body.get("status") == "ok" and "duplicate_of" in body and len(body) == 2,
                  "duplicate result says %s" % body)
        for label, rel in expected:
            if rel.endswith(".txt"):
                res = json.load(open(os.path.join(out, "results", label, os.path.splitext(rel)[0] + ".json")))
                if "duplicate_of" not in res:
                    check(res["source"]["sha256"] == expected[(label, rel)], "sha of %s" % rel)
                    check(res["status"] == "ok", "%s: %s" % (rel, res.get("error")))
        for j in junk:
            check(os.path.exists(os.path.join(court_a, j)), "junk %s was touched" % j)
        m = d.metrics()
        ok = m.get('pingcha_documents_total{status="ok"}')
        check(ok == n - 20, "metrics ok=%s, want %d" % (ok, n - 20))
        check(m.get('pingcha_documents_total{status="duplicate"}') == 20, "metrics duplicate")
        check(m.get('pingcha_documents_total{status="failed"}') == 0, "metrics failed")
        check(m.get("pingcha_queue_depth") == 0, "queue not empty")
        check(m.get("pingcha_pages_total", 0) >= n - 20, "pages_total %s" % m.get("pingcha_pages_total"))
        check(m.get('pingcha_stage_seconds_count{stage="decode"}') == n - 20, "stage histogram count")
        lines = [l for l in d.log().splitlines() if " status=" in l]
        check(len(lines) == n, "%d per-document log lines, want %d" % (len(lines), n))
    finally:
        d.stop()


def case_slow_write():
    """A 5 MB file written over 10 s is not taken before it is complete."""
    root = new_root()
    inbox, out = os.path.join(root, "in"), os.path.join(root, "out")
    os.makedirs(inbox)
    pipe = os.path.join(ARGS.fixtures, "decode-only.pipeline")  # the test is about intake, not scoring speed
    d = Daemon(root, ["--inbox", inbox + "=" + pipe, "--out", out, "--settle-ms", "2000"]).start()
    try:
        body = judgment_text(7).encode("utf-8")
        total = 5 * 1024 * 1024
        blob = (body * (total // len(body) + 1))[:total]
        # cut on a UTF-8 boundary so that the text decodes
        while blob and (blob[-1] & 0xC0) == 0x80:
            blob = blob[:-1]
        while blob and blob[-1] >= 0xC0:
            blob = blob[:-1]
        path = os.path.join(inbox, "big.txt")
        chunks = 20
        step = len(blob) // chunks + 1
        with open(path, "wb") as f:
            for i in range(chunks):
                f.write(blob[i * step:(i + 1) * step])
                f.flush()
                t_end = time.monotonic() + 0.5
                while time.monotonic() < t_end:
                    check(os.path.exists(path), "the file was taken while still being written (chunk %d)" % i)
                    check(not os.path.exists(os.path.join(out, "results", "big.json")), "result before completion")
                    time.sleep(0.05)
        wait_until(lambda: os.path.exists(os.path.join(out, "results", "big.json")), 60, "the big file's result")
        res = json.load(open(os.path.join(out, "results", "big.json")))
        check(res["source"]["bytes"] == len(blob), "result read %s bytes, want %d" % (res["source"]["bytes"], len(blob)))
        wait_until(lambda: os.path.exists(os.path.join(out, "archive", "big.txt")), 10, "archive")
        check(os.path.getsize(os.path.join(out, "archive", "big.txt")) == len(blob), "archived size")
    finally:
        d.stop()


def case_polling():
    """Polling mode (no inotify at all) takes files, in sub-folders too, created after start."""
    root = new_root()
    inbox, out = os.path.join(root, "in"), os.path.join(root, "out")
    os.makedirs(inbox)
    d = Daemon(root, ["--inbox", inbox, "--out", out, "--poll", "--poll-ms", "300", "--settle-ms", "300",
                      "--rescan-s", "3600"]).start()
    try:
        wait_until(lambda: "(polling" in d.log() or "(inotify" in d.log(), 10, "the intake to start")
        check("(polling" in d.log(), "not in polling mode")
        # written behind a rename from outside the inbox, and deep down: no events are used anyway
        for i in range(20):
            tmp = os.path.join(root, "t%d" % i)
            write(tmp, judgment_text(100 + i))
            dest = os.path.join(inbox, "deep/er/p%02d.txt" % i) if i % 2 else os.path.join(inbox, "p%02d.txt" % i)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            os.rename(tmp, dest)
        wait_until(lambda: len(results_of(out)) == 20 and not visible(files_under(inbox)), 30, "20 polled files")
        check(os.path.exists(os.path.join(out, "archive", "deep/er/p01.txt")), "sub-folder path not kept in archive")
    finally:
        d.stop()


def case_kill9():
    """kill -9 in the middle of 100 files, then restart: each file ends with exactly one result."""
    root = new_root()
    inbox, out = os.path.join(root, "in"), os.path.join(root, "out")
    os.makedirs(inbox)
    slow = os.path.join(ARGS.fixtures, "slow.pipeline")
    args = ["--inbox", inbox + "=" + slow, "--out", out, "--workers", "2", "--settle-ms", "200", "--memory-mb", "0"]
    d = Daemon(root, args, "first").start()
    for i in range(100):
        write(os.path.join(inbox, "k%03d.txt" % i), judgment_text(300 + i))
    wait_until(lambda: len(results_of(out)) >= 25, 60, "25 results before the kill")
    d.kill9()
    time.sleep(0.5)
    in_flight = len(visible(files_under(inbox)))
    check(0 < in_flight < 100, "kill -9 did not land mid-batch (%d left)" % in_flight)
    d2 = Daemon(root, args, "second").start()
    try:
        wait_until(lambda: not visible(files_under(inbox)) and len(results_of(out)) >= 100, 90, "all 100 after restart")
        time.sleep(0.5)
        results = results_of(out)
        check(sorted(results) == ["k%03d.json" % i for i in range(100)], "results: %d, extra %s" %
              (len(results), [r for r in results if not re.match(r"k\d{3}\.json$", r)]))
        check(sorted(visible(files_under(os.path.join(out, "archive")))) == ["k%03d.txt" % i for i in range(100)],
              "archive is not exactly the 100 originals")
        check(not visible(files_under(os.path.join(out, "failed"))), "failures after the restart")
        rows = store_rows(out)
        per_file = {}
        for r in rows:
            per_file.setdefault(r["relative_path"], []).append(r)
        check(len(per_file) == 100 and all(len(v) == 1 for v in per_file.values()),
              "store rows per file: %s" % sorted((k, len(v)) for k, v in per_file.items() if len(v) != 1))
        check(all(r["state"] == "done" for r in rows), "states %s" % {r["state"] for r in rows})
        for r in results:
            res = json.load(open(os.path.join(out, "results", r)))
            check(res["status"] == "ok", "%s failed" % r)
    finally:
        d2.stop()


def case_isolation():
    """A stage that crashes on one document and hangs on another: both failed with the right class."""
    root = new_root()
    inbox, out = os.path.join(root, "in"), os.path.join(root, "out")
    os.makedirs(inbox)
    pipe = os.path.join(ARGS.fixtures, "misbehave.pipeline")
    oom = not os.environ.get("PINGCHA_E2E_NO_MEMCAP")  # sanitizer builds cannot run under RLIMIT_AS
    d = Daemon(root, ["--inbox", inbox + "=" + pipe, "--out", out, "--workers", "2", "--settle-ms", "200",
                      "--timeout-s", "3", "--memory-mb", "1024" if oom else "0"]).start()
    try:
        for i in range(12):
            write(os.path.join(inbox, "fine-%02d.txt" % i), judgment_text(500 + i))
        write(os.path.join(inbox, "segv.txt"), judgment_text(600, "PINGCHA-FIXTURE-SEGV\n"))
        write(os.path.join(inbox, "hang.txt"), judgment_text(601, "PINGCHA-FIXTURE-HANG\n"))
        if oom:
            write(os.path.join(inbox, "oom.txt"), judgment_text(602, "PINGCHA-FIXTURE-OOM\n"))
        bad = 3 if oom else 2
        wait_until(lambda: not visible(files_under(inbox)), 60, "the inbox to empty")
        failed = visible(files_under(os.path.join(out, "failed")))
        want = ["hang.txt", "hang.txt.error.json", "segv.txt", "segv.txt.error.json"]
        if oom:
            want += ["oom.txt", "oom.txt.error.json"]
        check(sorted(failed) == sorted(want), "failed/ holds %s" % failed)
        classes = {n: json.load(open(os.path.join(out, "failed", n + ".error.json")))["error"]["class"]
                   for n in ("segv.txt", "hang.txt") + (("oom.txt",) if oom else ())}
        check(classes["segv.txt"] == "plugin_crash", "segv class %s" % classes["segv.txt"])
        check(classes["hang.txt"] == "timeout", "hang class %s" % classes["hang.txt"])
        if oom:
            check(classes["oom.txt"] == "too_large", "oom class %s" % classes["oom.txt"])
        results = results_of(out)
        check(sorted(results) == ["fine-%02d.json" % i for i in range(12)], "results %s" % results)
        check(d.alive() and d.get("/healthz")[0] == 200, "the daemon did not survive")
        m = d.metrics()
        check(m.get('pingcha_documents_total{status="failed"}') == bad, "metrics failed %s" % m)
        check(m.get('pingcha_documents_total{status="ok"}') == 12, "metrics ok")
        rows = {r["relative_path"]: r for r in store_rows(out)}
        check(rows["segv.txt"]["state"] == "failed" and rows["segv.txt"]["error_class"] == "plugin_crash", "segv row")
        check(rows["hang.txt"]["error_class"] == "timeout", "hang row")
        # the worker crashed twice on segv.txt (one retry), and was replaced for the hang
        check(m.get("pingcha_worker_restarts_total", 0) >= 3, "worker restarts %s" % m.get("pingcha_worker_restarts_total"))
    finally:
        d.stop()


def case_bad_inputs():
    """Empty, junk, truncated, a symlink to /etc/passwd, odd names: handled, nothing written outside --out."""
    root = new_root()
    inbox, out = os.path.join(root, "in"), os.path.join(root, "out")
    os.makedirs(inbox)
    outside = os.path.join(root, "outside")
    os.makedirs(outside)
    write(os.path.join(outside, "keep.txt"), "untouched")
    passwd_before = hashlib.sha256(open("/etc/passwd", "rb").read()).hexdigest()
    d = Daemon(root, ["--inbox", inbox, "--out", out, "--settle-ms", "300", "--memory-mb", "0"]).start()
    before = set(files_under(root))
    try:
        write(os.path.join(inbox, "empty.txt"), b"")
        write(os.path.join(inbox, "noise.bin"), os.urandom(4096))
        write(os.path.join(inbox, "fake.pdf"), os.urandom(2048))
        write(os.path.join(inbox, "encrypted.pdf"), b"%PDF-1.7\n1 0 obj\n<< /Filter /Standard /V 5 /R 6 >>\nendobj\n"
              b"trailer\n<< /Encrypt 1 0 R >>\n")
        write(os.path.join(inbox, "truncated.tif"), b"II*\x00\x08\x00\x00\x00\x0c\x00\x00\x01\x03\x00")
        write(os.path.join(inbox, "bad-utf8.txt"), b"\xff\xfe\xfd" + os.urandom(100))
        os.symlink("/etc/passwd", os.path.join(inbox, "passwd.txt"))
        os.symlink(outside, os.path.join(inbox, "linkdir"))
        write(os.path.join(inbox, "x..\\..\\evil.txt"), judgment_text(700))  # a Windows-style traversal
        write(os.path.join(inbox, "..\\..\\hidden.txt"), judgment_text(703))  # starts with a dot: hidden
        write(os.path.join(inbox, "up..", "in..side.txt"), judgment_text(704))
        write(os.path.join(inbox, "a..b.txt"), judgment_text(701))
        write(os.path.join(inbox, "forged\njob=1 status=ok.txt"), judgment_text(705))  # a newline in the name
        write(os.path.join(inbox, "dots", "...txt"), judgment_text(702))  # hidden: ignored
        write(os.path.join(inbox, "lines.jsonl"),
              "".join(json.dumps({"id": "L%d" % i, "text": judgment_text(800 + i)}, ensure_ascii=False) + "\n"
                      for i in range(3)))
        # the OCR plugin's bad-input fixtures, when they are there: a decompression bomb, garbage
        bad_dir = os.path.join(ARGS.source, "testdata", "scans", "bad")
        extra = []
        for name in ("bomb.png", "garbage.jpg", "truncated.png", "truncated.pdf", "empty.png"):
            if os.path.exists(os.path.join(bad_dir, name)):
                shutil.copyfile(os.path.join(bad_dir, name), os.path.join(inbox, "scan-" + name))
                extra.append("scan-" + name)
        if os.path.exists(os.path.join(bad_dir, "encrypted.pdf")):
            shutil.copyfile(os.path.join(bad_dir, "encrypted.pdf"), os.path.join(inbox, "encrypted.pdf"))
        if os.path.exists(os.path.join(bad_dir, "truncated.tif")):
            shutil.copyfile(os.path.join(bad_dir, "truncated.tif"), os.path.join(inbox, "truncated.tif"))
        expect_gone = extra + ["empty.txt", "noise.bin", "fake.pdf", "encrypted.pdf", "truncated.tif", "bad-utf8.txt",
                       "passwd.txt", "linkdir", "x..\\..\\evil.txt", "a..b.txt", "up../in..side.txt", "lines.jsonl",
                       "forged\njob=1 status=ok.txt"]
        wait_until(lambda: not any(os.path.lexists(os.path.join(inbox, p)) for p in expect_gone), 60,
                   "every bad input to leave the inbox")
        time.sleep(0.5)
        check(os.path.exists(os.path.join(inbox, "dots", "...txt")), "a hidden file was taken")
        check(os.path.exists(os.path.join(inbox, "..\\..\\hidden.txt")), "a hidden file was taken")
        archive = set(visible(files_under(os.path.join(out, "archive"))))
        failed = set(visible(files_under(os.path.join(out, "failed"))))
        for p in expect_gone:
            where = [x for x in (archive, failed) if p in x]
            check(len(where) == 1, "%s is in %d of archive/ and failed/" % (p, len(where)))
            if p in failed:
                err = json.load(open(os.path.join(out, "failed", p + ".error.json")))
                check(err["status"] == "failed" and err["error"]["class"] in
                      ("unsupported", "corrupt", "encrypted", "too_large", "internal"), "%s: %s" % (p, err))
        for p in ("empty.txt", "noise.bin", "passwd.txt", "linkdir", "truncated.tif", "fake.pdf"):
            check(p in failed, "%s not in failed/" % p)
        check(os.path.islink(os.path.join(out, "failed", "passwd.txt")), "the symlink itself was not moved")
        err = json.load(open(os.path.join(out, "failed", "passwd.txt.error.json")))
        check("link" in err["error"]["message"], "symlink reason: %s" % err["error"])
        check({"x..\\..\\evil.txt", "a..b.txt", "up../in..side.txt"} <= archive, "odd names not archived: %s" % archive)
        check(os.path.exists(os.path.join(out, "results", "x..\\..\\evil.json")), "odd name's result")
        check(os.path.exists(os.path.join(out, "results", "up..", "in..side.json")), "odd folder's result")
        lines = open(os.path.join(out, "results", "lines.jsonl"), encoding="utf-8").read().splitlines()
        check(len(lines) == 3 and all(json.loads(l)["status"] == "ok" for l in lines), "jsonl results")
        check(hashlib.sha256(open("/etc/passwd", "rb").read()).hexdigest() == passwd_before, "/etc/passwd changed")
        check(open(os.path.join(outside, "keep.txt")).read() == "untouched", "outside file changed")
        # nothing new anywhere but under out/ (and the inbox, which only loses files)
        after = set(files_under(root))
        new = [p for p in after - before if not p.startswith("out/") and not p.startswith("in/")]
        check(not new, "written outside --out: %s" % new)
        check(not any(l.startswith("job=1 status=ok") for l in d.log().splitlines()), "a file name forged a log line")
        check(d.alive(), "daemon died")
        m = d.metrics()
        check(m.get('pingcha_documents_total{status="failed"}') == len(failed) / 2, "metrics failed vs failed/")
    finally:
        d.stop()


def case_reload_drain():
    """SIGHUP reloads without losing the queue; SIGTERM drains and exits 0; restart finishes the rest."""
    root = new_root()
    inbox, out = os.path.join(root, "in"), os.path.join(root, "out")
    os.makedirs(inbox)
    slow = os.path.join(ARGS.fixtures, "slow.pipeline")
    props = os.path.join(root, "watch.properties")
    write(props, "inbox = %s=%s\nout = %s\nworkers = 1\nsettle-ms = 200\nmemory-mb = 0\n" % (inbox, slow, out))
    d = Daemon(root, ["--config", props]).start()
    for i in range(30):
        write(os.path.join(inbox, "r%02d.txt" % i), judgment_text(900 + i))
    wait_until(lambda: len(results_of(out)) >= 3, 30, "first results")
    write(props, "inbox = %s=%s\nout = %s\nworkers = 2\nsettle-ms = 200\nmemory-mb = 0\n" % (inbox, slow, out))
    d.proc.send_signal(signal.SIGHUP)
    wait_until(lambda: "reloaded" in d.log(), 20, "the reload")
    check(d.alive(), "SIGHUP killed the daemon")
    wait_until(lambda: len(results_of(out)) >= 10, 30, "results after the reload")
    t0 = time.monotonic()
    d.stop(timeout=40)
    check(time.monotonic() - t0 < 35, "drain took too long")
    check("draining" in d.log(), "no drain logged")
    done_before = len(results_of(out))
    d2 = Daemon(root, ["--config", props], "second").start()
    try:
        wait_until(lambda: not visible(files_under(inbox)) and len(results_of(out)) >= 30, 60, "the rest after restart")
        check(sorted(results_of(out)) == ["r%02d.json" % i for i in range(30)], "results after restart")
        check(done_before < 30, "everything was done before SIGTERM; the drain was not exercised")
        rows = store_rows(out)
        check(len(rows) == 30 and all(r["state"] == "done" for r in rows), "rows %d" % len(rows))
    finally:
        d2.stop()


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("case", choices=sorted(CASES))
    p.add_argument("--bin", required=True)
    p.add_argument("--plugins", required=True)
    p.add_argument("--fixture-plugins", required=True)
    p.add_argument("--fixtures", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--shared-data", default="")
    p.add_argument("--keep", action="store_true")
    ARGS = p.parse_args()
    t0 = time.monotonic()
    try:
        CASES[ARGS.case]()
    except Failure as e:
        print("FAIL %s: %s (files kept in %s)" % (ARGS.case, e, ", ".join(ROOTS)))
        return 1
    print("ok %s (%.1f s)" % (ARGS.case, time.monotonic() - t0))
    if not ARGS.keep:
        for r in ROOTS:
            shutil.rmtree(r, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
