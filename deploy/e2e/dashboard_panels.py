#!/usr/bin/env python3
"""Runs every query of the project's Grafana dashboards against a Prometheus and plots what they return.

    dashboard_panels.py PROMETHEUS_URL START END OUTPUT_DIR DASHBOARD.json...

For each panel target: a range query over [START, END] (Unix seconds), with Grafana's $__rate_interval read as
RATE_INTERVAL (environment, default 1m). A target that returns no series, or only series without a number, fails the
check (exit status 1) and is named. Each dashboard's data is then drawn with gnuplot into OUTPUT_DIR/<dashboard>.png,
one plot per panel in the dashboard's order (a heatmap panel as its histogram over the whole run), and the raw query
results are kept in OUTPUT_DIR/data/. Standard library only.
"""
import json
import math
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

RATE_INTERVAL = os.environ.get("RATE_INTERVAL", "1m")
COLUMNS = 3


def query_range(prometheus, expr, start, end, step):
    parameters = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{parameters}", timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"{expr}: {body}")
    return body["data"]["result"]


def query(prometheus, expr, at):
    parameters = urllib.parse.urlencode({"query": expr, "time": at})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query?{parameters}", timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"{expr}: {body}")
    return body["data"]["result"]


def resolved(expr):
    return expr.replace("$__rate_interval", RATE_INTERVAL)


def legend(format_string, labels):
    if not format_string:
        return ",".join(f"{k}={v}" for k, v in sorted(labels.items())) or "value"
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda match: labels.get(match.group(1), ""), format_string)


def finite(value):
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def scaled(unit):
    """How a panel's unit is drawn: a factor and an axis label."""
    return {"bytes": (1e-6, "MB"), "percentunit": (100, "%"), "s": (1, "seconds"), "reqps": (1, "per second"),
            "ops": (1, "per second")}.get(unit, (1, ""))


def gnuplot_text(text):
    return "'" + text.replace("'", "''") + "'"


def check_and_plot(prometheus, start, end, output, dashboard_file):
    with open(dashboard_file) as source:
        dashboard = json.load(source)
    name = os.path.splitext(os.path.basename(dashboard_file))[0]
    data_directory = os.path.join(output, "data", name)
    os.makedirs(data_directory, exist_ok=True)
    step = max(1, (end - start) // 200)
    failures = []
    plots = []
    for panel in dashboard["panels"]:
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
        factor, axis = scaled(unit)
        lines = []
        values = []
        histogram = None
        for target in panel["targets"]:
            expr = resolved(target["expr"])
            series = query_range(prometheus, expr, start, end, step)
            with open(os.path.join(data_directory, f"panel-{panel['id']}-{target['refId']}.json"), "w") as raw:
                json.dump({"expr": expr, "result": series}, raw)
            numbers = sum(1 for one in series for _, value in one["values"] if finite(value))
            status = "ok" if numbers else "FAILED"
            print(f"{status:6} {dashboard['title']} / {panel['title']} [{target['refId']}]: {len(series)} series, "
                  f"{numbers} values: {expr}")
            if not numbers:
                failures.append(f"{dashboard['title']} / {panel['title']}: {expr}")
                continue
            if panel["type"] == "heatmap":
                histogram = run_histogram(prometheus, target["expr"], start, end)
                continue
            for index, one in enumerate(series):
                if not any(finite(value) for _, value in one["values"]):
                    continue
                path = os.path.join(data_directory, f"panel-{panel['id']}-{target['refId']}-{index}.dat")
                with open(path, "w") as dat:
                    for at, value in one["values"]:
                        dat.write(f"{at} {float(value) * factor if finite(value) else 'NaN'}\n")
                    values += [float(value) * factor for _, value in one["values"] if finite(value)]
                lines.append((path, legend(target.get("legendFormat"), one["metric"])))
        plots.append((panel, axis, lines, histogram, values))
    render(dashboard["title"], plots, os.path.join(output, f"{name}.png"), data_directory)
    return failures


def run_histogram(prometheus, expr, start, end):
    """The heatmap's buckets over the whole run: how many observations fell in each, non-cumulative."""
    whole_run = resolved(expr).replace(f"[{RATE_INTERVAL}]", f"[{end - start}s]")
    buckets = sorted(((float(one["metric"]["le"]), float(one["value"][1])) for one in query(prometheus, whole_run, end)),
                     key=lambda bucket: bucket[0])
    counts = []
    below = 0.0
    for upper, cumulative in buckets:
        counts.append((upper, max(0.0, cumulative - below)))
        below = cumulative
    last = max((i for i, (_, count) in enumerate(counts) if count > 0), default=len(counts) - 1)
    first = min((i for i, (_, count) in enumerate(counts) if count > 0), default=0)
    return counts[max(0, first - 2):last + 2]


def render(title, plots, png, data_directory):
    rows = math.ceil(len(plots) / COLUMNS)
    script = [f"set terminal pngcairo size {COLUMNS * 620},{rows * 340 + 40} font 'sans,9' noenhanced",
              f"set output {gnuplot_text(png)}",
              f"set multiplot layout {rows},{COLUMNS} title {gnuplot_text(title + ' (end-to-end check run)')} font 'sans,14'",
              "set datafile missing 'NaN'", "set key top left font 'sans,8' noopaque", "set grid",
              "set style fill solid 0.6"]
    for panel, axis, lines, histogram, values in plots:
        script.append(f"set title {gnuplot_text(panel['title'])} font 'sans,11'")
        if histogram is not None:
            every = max(1, math.ceil(len(histogram) / 12))
            labels = ", ".join(f"{gnuplot_text(format_bucket(upper))} {i}" for i, (upper, _) in enumerate(histogram)
                               if i % every == 0 or i == len(histogram) - 1)
            path = os.path.join(data_directory, f"panel-{panel['id']}-histogram.dat")
            with open(path, "w") as dat:
                for i, (_, count) in enumerate(histogram):
                    dat.write(f"{i} {count}\n")
            script += ["unset xdata", "set format x '%g'", f"set xtics ({labels}) rotate by 45 right font 'sans,7'",
                       "set xlabel 'latency bucket (upper bound)'", "set ylabel 'alerts'", "set yrange [0:*]",
                       f"plot {gnuplot_text(path)} using 1:2 with boxes notitle",
                       "set xtics autofreq norotate font 'sans,9'", "unset xlabel", "set autoscale y"]
            continue
        script += ["set xdata time", "set timefmt '%s'", "set format x '%H:%M:%S'", f"set ylabel {gnuplot_text(axis)}"]
        # a flat line (nothing held, nothing waiting) still gets an axis around its value
        low, high = (min(values), max(values)) if values else (0, 0)
        script.append(f"set yrange [{low - 1}:{high + 1}]" if low == high else "set autoscale y")
        if lines:
            script.append("plot " + ", ".join(f"{gnuplot_text(path)} using 1:2 with lines lw 1.5 title {gnuplot_text(label)}"
                                              for path, label in lines))
        else:
            script.append("plot NaN notitle")
        script.append("unset xdata")
    script.append("unset multiplot")
    script_path = os.path.join(data_directory, "plot.gnuplot")
    with open(script_path, "w") as out:
        out.write("\n".join(script) + "\n")
    subprocess.run(["gnuplot", script_path], check=True)


def format_bucket(upper):
    if math.isinf(upper):
        return "+Inf"
    return f"{upper * 1000:.3g} ms" if upper < 1 else f"{upper:.3g} s"


def main(arguments):
    if len(arguments) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    prometheus, start, end, output = arguments[0], int(arguments[1]), int(arguments[2]), arguments[3]
    failures = []
    for dashboard_file in arguments[4:]:
        failures += check_and_plot(prometheus, start, end, output, dashboard_file)
    if failures:
        print(f"{len(failures)} panel queries returned no data:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
