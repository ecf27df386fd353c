#!/bin/sh
# Soak benchmark of `pingcha watch` (not a test): 2,000 real text judgments dropped into an inbox in
# bursts; prints throughput, drop->result latency (median, p95), the part of it that is the daemon's
# own overhead (latency - the pipeline's own time - settle), and the daemon's RSS at start and end.
# Baseline in the same run: `pingcha score` over the same files with the same number of workers.
#
# usage: bench/watch_soak.sh [BUILD_DIR] [WORKERS] [BURST] [PAUSE_S]
#   defaults: build, 2 workers, bursts of 100 files, 2 s apart.  Needs /work/shared/data (or
#   PINGCHA_SHARED_DATA) for the judgments.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
workers=${2:-2}
burst=${3:-100}
pause=${4:-2}
data=${PINGCHA_SHARED_DATA:-$here/../../shared/data}
exec python3 - "$build" "$workers" "$burst" "$pause" "$data" <<'PY'
import json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.request

build, workers, burst, pause, data = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
binary = os.path.join(build, "bin", "pingcha")
plugins = os.path.join(build, "plugins")
N = 2000
SETTLE_MS = 300

def texts():
    # the 501 complete criminal judgments (fd: paragraphs joined by spaces) and civil ones from sections
    out = []
    with open(os.path.join(data, "judgments", "criminal-full-judge-test.jsonl"), encoding="utf-8") as f:
        for line in f:
            out.append("\n".join(json.loads(line)["fd"].split()))
    with open(os.path.join(data, "judgments", "civil-first-instance-sections.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            paras = [d.get("Case", "")] + [str(d.get(k, "")) for k in ("CaseRecord", "JudgeAccusation", "JudgeReason", "JudgeResult")]
            out.append("\n".join(p.strip() for p in paras if p.strip()))
    return out[:N]

def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]

root = tempfile.mkdtemp(prefix="pingcha-soak-")
src, stage, inbox, out = (os.path.join(root, x) for x in ("src", "stage", "inbox", "out"))
for d in (src, stage, inbox):
    os.makedirs(d)
docs = texts()
if len(docs) < N:
    sys.exit("only %d judgments found in %s" % (len(docs), data))
names = []
for i, t in enumerate(docs):
    name = "j%04d.txt" % i
    with open(os.path.join(src, name), "w", encoding="utf-8") as f:
        f.write(t + "\n")
    names.append(name)

# baseline: the same files through `pingcha score` with as many jobs as the daemon has workers
t0 = time.monotonic()
subprocess.run([binary, "score", "--plugin-path", plugins, "--jobs", str(workers), "--format", "jsonl", "--quiet", src],
               stdout=subprocess.DEVNULL, check=True, env=dict(os.environ, PINGCHA_PLUGIN_PATH=""))
base_s = time.monotonic() - t0

log = open(os.path.join(root, "daemon.log"), "wb")
daemon = subprocess.Popen([binary, "watch", "--plugin-path", plugins, "--inbox", inbox, "--out", out, "--workers",
                           str(workers), "--settle-ms", str(SETTLE_MS), "--http", "127.0.0.1:0", "--queue-max", "4096"],
                          stdout=log, stderr=log, env=dict(os.environ, PINGCHA_PLUGIN_PATH=""))
port = None
for _ in range(300):
    m = re.search(r"metrics on http://127\.0\.0\.1:(\d+)/", open(log.name, errors="replace").read())
    if m:
        port = int(m.group(1))
        break
    time.sleep(0.1)
if not port:
    sys.exit("daemon did not start:\n" + open(log.name, errors="replace").read())
time.sleep(0.5)
rss_start = rss_kb(daemon.pid)

# drop in bursts: each file written beside the inbox, then renamed in (the drop time)
dropped = {}
t_first = time.time()
for b in range(0, N, burst):
    for name in names[b:b + burst]:
        shutil.copyfile(os.path.join(src, name), os.path.join(stage, name))
        os.rename(os.path.join(stage, name), os.path.join(inbox, name))
        dropped[name] = time.time()
    time.sleep(pause)

deadline = time.monotonic() + 1800
archive = os.path.join(out, "archive")
while time.monotonic() < deadline:
    if os.path.isdir(archive) and len(os.listdir(archive)) >= N:
        break
    time.sleep(0.2)
rss_end = rss_kb(daemon.pid)
metrics = urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=5).read().decode()
daemon.send_signal(signal.SIGTERM)
rc = daemon.wait(timeout=60)

lat, over, pipe_ms, t_last = [], [], [], t_first
for name in names:
    a = os.path.join(archive, name)
    if not os.path.exists(a):
        continue
    done = os.stat(a).st_ctime  # the move into archive/ happens right after the result is committed
    t_last = max(t_last, done)
    res = json.load(open(os.path.join(out, "results", name[:-4] + ".json")))
    total = res.get("timings_ms", {}).get("total", 0) / 1000.0
    pipe_ms.append(total * 1000)
    lat.append(done - dropped[name])
    over.append(done - dropped[name] - total - SETTLE_MS / 1000.0)
n = len(lat)
ok = re.search(r'pingcha_documents_total\{status="ok"\} (\d+)', metrics)
print("pingcha watch soak: %d judgments, %d workers, bursts of %d every %.1f s, settle %d ms (nproc %d)"
      % (N, workers, burst, pause, SETTLE_MS, os.cpu_count()))
print("  processed              %d / %d (metrics ok=%s, duplicate=%s), daemon exit %d"
      % (n, N, ok.group(1) if ok else "?", re.search(r'status="duplicate"\} (\d+)', metrics).group(1), rc))
span = t_last - t_first
print("  throughput (bursts)    %.1f documents/s over %.1f s (the drops themselves pause %.0f s in all)"
      % (n / span, span, pause * ((N + burst - 1) // burst)))
print("  pipeline time/doc      median %.1f ms, p95 %.1f ms" % (statistics.median(pipe_ms), pct(pipe_ms, 95)))
print("  drop->result latency   median %.3f s, p95 %.3f s" % (statistics.median(lat), pct(lat, 95)))
print("  overhead beyond pipeline+settle: median %.3f s, p95 %.3f s  (target: p95 < 1 s)"
      % (statistics.median(over), pct(over, 95)))
print("  daemon RSS             start %.1f MB, end %.1f MB" % (rss_start / 1024, rss_end / 1024))

# sustained rate: all 2,000 at once into a fresh daemon, first drop to last archived
inbox2, out2 = os.path.join(root, "inbox2"), os.path.join(root, "out2")
os.makedirs(inbox2)
daemon = subprocess.Popen([binary, "watch", "--plugin-path", plugins, "--inbox", inbox2, "--out", out2, "--workers",
                           str(workers), "--settle-ms", str(SETTLE_MS), "--http", "off", "--queue-max", "4096"],
                          stdout=log, stderr=log, env=dict(os.environ, PINGCHA_PLUGIN_PATH=""))
time.sleep(1.0)
for name in names:
    shutil.copyfile(os.path.join(src, name), os.path.join(stage, name))
t0 = time.time()
for name in names:
    os.rename(os.path.join(stage, name), os.path.join(inbox2, name))
archive2 = os.path.join(out2, "archive")
deadline = time.monotonic() + 1800
while time.monotonic() < deadline and not (os.path.isdir(archive2) and len(os.listdir(archive2)) >= N):
    time.sleep(0.1)
t_end = max(os.stat(os.path.join(archive2, x)).st_ctime for x in os.listdir(archive2))
daemon.send_signal(signal.SIGTERM)
daemon.wait(timeout=60)
sustained = len(os.listdir(archive2)) / (t_end - t0)
print("  sustained (one drop of %d)  %.1f documents/s; baseline `pingcha score --jobs %d` %.1f documents/s"
      " (%.1f s); ratio %.3f" % (N, sustained, workers, N / base_s, base_s, sustained / (N / base_s)))
shutil.rmtree(root, ignore_errors=True)
PY
