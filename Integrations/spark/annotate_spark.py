#!/usr/bin/env python3
"""Annotate a JSONL dataset on Spark by piping each partition through `eigenname stream`.

usage:
  spark-submit [spark options] annotate_spark.py INPUT OUTPUT EIGENNAME LEXICONS [options]
  python annotate_spark.py INPUT OUTPUT EIGENNAME LEXICONS [--master local[2]] [options]

INPUT     JSONL ({"id", "text"} per line): a file, a directory or a glob, on any
          file system Spark reads (file:, hdfs:, s3a:, gs:, abfs:, ...).
OUTPUT    a directory that is written as Spark text output: part-00000, part-00001, ...
          Concatenated in name order, the parts hold the annotated documents in input order.
EIGENNAME the eigenname binary, and
LEXICONS  the lexicon directory (*.tsv and first-names.txt), each given as one of:
            /a/local/path or hdfs://…   the job ships it to the executors itself
                                        (SparkContext.addFile for the binary; the
                                        directory is packed as a .tar.gz and added with
                                        SparkContext.addArchive; a .tar.gz/.tgz/.zip is
                                        added as it is);
            sparkfiles:NAME             already shipped by spark-submit
                                        (--files eigenname, --archives lex.tgz#NAME);
                                        found with SparkFiles.get(NAME) on each executor;
            local:/path                 already installed at /path on every executor.

options:
  --jobs N          workers inside each `eigenname stream` process (default: spark.task.cpus,
                    i.e. 1: Spark already runs one task per executor core)
  --partitions N    minimum number of input partitions (default: Spark's split of the input)
  --tokens          add token and sentence spans to each document
  --lib-dir PATH    a directory (or archive) of shared libraries to ship and put on
                    LD_LIBRARY_PATH for eigenname (e.g. libicu*.so.72, libxml2.so.2, or the
                    Swift runtime for a binary not built with --static-swift-stdlib);
                    same PATH forms as above
  --keep-blank      keep the empty output line that a blank input line gives
                    (default: blank lines are not documents and are left out)
  --overwrite       delete OUTPUT first if it exists
  --master URL      Spark master when not run by spark-submit (default: local[*])

Why mapPartitions + subprocess and not RDD.pipe: the paths of shipped files are only
known on the executor (SparkFiles.get there), eigenname needs an environment
(EIGENNAME_LEXICONS, a writable EIGENNAME_CACHE, maybe LD_LIBRARY_PATH) built from those
paths, and each partition is checked: exactly one output line per input line, and an
exit status of 0 or 1 (1 = some lines were bad; each bad line is answered with
{"error": …} in its place). Anything else fails the task with eigenname's stderr, so Spark
retries it instead of writing a silently short partition. Like RDD.pipe, a thread feeds
standard input while the task reads standard output, so neither side can block the other
and memory stays bounded by the lines in flight.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip", ".jar")


class Resource:
    """A file or directory the executors need: how to ship it and how to find it there."""

    def __init__(self, spec, kind, staging):
        self.spec = spec
        self.kind = kind  # "file" or "dir"
        if spec.startswith("local:"):
            self.mode, self.name, self.ship, self.archive = "local", spec[len("local:"):], None, False
        elif spec.startswith("sparkfiles:"):
            self.mode, self.name, self.ship, self.archive = "sparkfiles", spec[len("sparkfiles:"):], None, False
        else:
            self.mode = "shipped"
            local = spec[len("file://"):] if spec.startswith("file://") else spec
            is_local = "://" not in spec or spec.startswith("file://")
            if is_local and not os.path.exists(local):
                raise SystemExit(f"annotate_spark: {spec}: no such file or directory")
            if kind == "dir" and is_local and os.path.isdir(local):
                # A directory is shipped as one archive: every file arrives, first-names.txt too.
                base = os.path.basename(os.path.normpath(local)) or "dir"
                packed = os.path.join(staging, f"eigenname-{base}.tar.gz")
                with tarfile.open(packed, "w:gz") as tar:
                    for entry in sorted(os.listdir(local)):
                        tar.add(os.path.join(local, entry), arcname=entry)
                self.ship, self.archive = os.path.abspath(packed), True
            else:
                self.ship = os.path.abspath(local) if is_local else spec
                self.archive = kind == "dir" and spec.endswith(ARCHIVE_SUFFIXES)
            self.name = os.path.basename(self.ship.rstrip("/"))

    def add_to(self, sc):
        if self.mode != "shipped":
            return
        if self.archive:
            sc.addArchive(self.ship)  # unpacked on each executor as SparkFiles.get(name)
        else:
            sc.addFile(self.ship)

    def path_on_executor(self):
        from pyspark import SparkFiles
        if self.mode == "local":
            return self.name
        return SparkFiles.get(self.name)


def executable(path, scratch):
    """`path` if it can be executed, else a private executable copy (a fetched file may lack +x)."""
    if os.access(path, os.X_OK):
        return path
    try:
        os.chmod(path, 0o755)
        return path
    except OSError:
        copy = os.path.join(scratch, os.path.basename(path))
        if not os.path.exists(copy):
            tmp = copy + f".{os.getpid()}.tmp"
            shutil.copyfile(path, tmp)
            os.chmod(tmp, 0o755)
            os.replace(tmp, copy)
        return copy


def make_partition_annotator(binary, lexicons, lib_dir, jobs, tokens, keep_blank):
    """The function each task runs on its partition (an iterator of JSONL lines, as str)."""

    def annotate_partition(lines):
        from pyspark import SparkFiles, TaskContext

        scratch = os.path.join(os.path.abspath(SparkFiles.getRootDirectory()), "eigenname-scratch")
        os.makedirs(scratch, exist_ok=True)
        exe = executable(binary.path_on_executor(), scratch)
        env = dict(os.environ)
        env["EIGENNAME_LEXICONS"] = lexicons.path_on_executor()
        # One compiled-lexicon cache per executor and application (written atomically by
        # eigenname, so concurrent tasks may share it); never the user's home directory.
        env["EIGENNAME_CACHE"] = os.path.join(scratch, "cache")
        if lib_dir is not None:
            env["LD_LIBRARY_PATH"] = os.pathsep.join(
                p for p in (lib_dir.path_on_executor(), env.get("LD_LIBRARY_PATH")) if p)
        command = [exe, "stream", "--jobs", str(jobs)] + (["--tokens"] if tokens else [])
        stderr = tempfile.TemporaryFile(dir=scratch)
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=stderr, env=env)
        fed = {"lines": 0, "error": None}

        def feed():
            try:
                for line in lines:
                    if isinstance(line, str):
                        line = line.encode("utf-8")
                    proc.stdin.write(line + b"\n")
                    fed["lines"] += 1
            except BrokenPipeError:
                pass  # eigenname ended early: reported below from its exit status
            except BaseException as e:  # reading the input failed: fail the task
                fed["error"] = e
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=feed, name="eigenname-stdin", daemon=True)
        feeder.start()
        answered, finished = 0, False
        try:
            # Binary mode: split on b"\n" only, never on \r or U+2028 as text mode would.
            for out in proc.stdout:
                answered += 1
                out = out.rstrip(b"\n")
                if out or keep_blank:
                    yield out.decode("utf-8")
            finished = True
        finally:
            if not finished:  # the task stopped reading (e.g. take(n)) or failed
                proc.kill()
            feeder.join()
            status = proc.wait()
            stderr.seek(0)
            messages = stderr.read().decode("utf-8", "replace")
            stderr.close()
        if fed["error"] is not None:
            raise fed["error"]
        ctx = TaskContext.get()
        where = f"partition {ctx.partitionId()}" if ctx else "partition"
        if status not in (0, 1) or answered != fed["lines"]:
            raise RuntimeError(
                f"eigenname stream failed on {where}: exit status {status}, "
                f"{fed['lines']} lines in, {answered} lines out\n{messages[-4000:]}")
        if messages.strip():
            # Bad lines (status 1) are answered in place with {"error": …}; their details go to
            # the executor's log, not to the driver.
            print(f"eigenname ({where}):\n{messages[-4000:]}", file=sys.stderr)

    return annotate_partition


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("eigenname")
    p.add_argument("lexicons")
    p.add_argument("--jobs", type=int)
    p.add_argument("--partitions", type=int)
    p.add_argument("--tokens", action="store_true")
    p.add_argument("--lib-dir")
    p.add_argument("--keep-blank", action="store_true")
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--master")
    args = p.parse_args(argv)

    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf().setAppName("eigenname-annotate")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext
    staging = tempfile.mkdtemp(prefix="eigenname-spark-")
    try:
        binary = Resource(args.eigenname, "file", staging)
        lexicons = Resource(args.lexicons, "dir", staging)
        lib_dir = Resource(args.lib_dir, "dir", staging) if args.lib_dir else None
        for r in (binary, lexicons, lib_dir):
            if r is not None:
                r.add_to(sc)
        jobs = args.jobs or int(sc.getConf().get("spark.task.cpus", "1"))

        if args.overwrite:
            jvm = sc._jvm
            path = jvm.org.apache.hadoop.fs.Path(args.output)
            fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
            if fs.exists(path):
                fs.delete(path, True)

        # textFile: one record per line, partitions in file order; saveAsTextFile writes
        # partition i to part-i, so the output order is the input order.
        lines = sc.textFile(args.input, minPartitions=args.partitions) if args.partitions \
            else sc.textFile(args.input)
        annotated = lines.mapPartitions(
            make_partition_annotator(binary, lexicons, lib_dir, jobs, args.tokens, args.keep_blank),
            preservesPartitioning=True)
        annotated.saveAsTextFile(args.output)
        print(f"annotate_spark: wrote {args.output} ({lines.getNumPartitions()} partitions)",
              file=sys.stderr)
    finally:
        spark.stop()
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    main()
