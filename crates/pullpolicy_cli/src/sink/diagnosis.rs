//! The streamed outputs of `pullpolicy diagnose`: each input's diagnosis is handed out
//! part by part (`pullpolicy::diagnose::diagnose_each`: the pieces, then each pod and
//! each diagnosis, then the rest of the report) and each part is written, or spilled
//! ([`Spill`]) where the format prints it later, and dropped. The outputs are those of
//! the whole-run renderers (`crate::diagnose::render`), which the tests compare them
//! with.

use crate::diagnose::{JsonError, JsonFile, Last, Output, SCHEMA_VERSION, json_tool};
use crate::input::InputError;
use crate::sink::spill::Spill;
use pullpolicy::diagnose::{DIAGNOSIS_SCHEMA_VERSION, DiagnoseOptions, DiagnosisReport, Part};
use std::io::{self, Write};

/// One streamed output.
pub trait DiagnosisSink {
    /// An input starts.
    fn begin(&mut self, name: &str) -> io::Result<()>;
    /// The next part of its report.
    fn part(&mut self, name: &str, text: &str, part: Part) -> io::Result<()>;
    /// The rest of its report.
    fn end(&mut self, name: &str, text: &str, rest: &DiagnosisReport) -> io::Result<()>;
    /// An input that could not be read.
    fn failed(&mut self, e: &InputError) -> io::Result<()>;
    /// The run is over.
    fn finish(&mut self) -> io::Result<()>;
}

/// `{"schemaVersion":N,"pieces":[],"pods":[],"diagnoses":[]`: how a report handed out
/// part by part starts when serialized ([`rest_of`] checks it).
fn empty_start() -> String {
    format!(
        "{{\"schemaVersion\":{DIAGNOSIS_SCHEMA_VERSION},\"pieces\":[],\"pods\":[],\"diagnoses\":[]"
    )
}

/// The serialized rest of a report after its diagnoses (`,"skew":…}`).
fn rest_of(rest: &DiagnosisReport) -> io::Result<String> {
    let json = serde_json::to_string(rest)?;
    json.strip_prefix(&empty_start())
        .map(str::to_owned)
        .ok_or_else(|| io::Error::other("unexpected diagnosis report layout"))
}

/// `--format json` (compact; the caller indents it with `sink::pretty`) and `--format
/// jsonl`.
pub struct Json<'w> {
    out: &'w mut dyn Write,
    options: DiagnoseOptions,
    lines: bool,
    files: usize,
    pods: usize,
    diagnoses: usize,
    spill: Spill,
}

impl<'w> Json<'w> {
    pub fn new(out: &'w mut dyn Write, options: DiagnoseOptions, lines: bool) -> io::Result<Self> {
        if !lines {
            let start = serde_json::to_string(&Output {
                schema_version: SCHEMA_VERSION,
                tool: json_tool(),
                options: &options,
                files: Vec::new(),
            })?;
            let start = start
                .strip_suffix("[]}")
                .ok_or_else(|| io::Error::other("unexpected envelope layout"))?;
            out.write_all(start.as_bytes())?;
            out.write_all(b"[")?;
        }
        Ok(Json {
            out,
            options,
            lines,
            files: 0,
            pods: 0,
            diagnoses: 0,
            spill: Spill::new(),
        })
    }

    fn next_file(&mut self) -> io::Result<()> {
        if !self.lines && self.files > 0 {
            self.out.write_all(b",")?;
        }
        self.files += 1;
        Ok(())
    }
}

impl DiagnosisSink for Json<'_> {
    fn begin(&mut self, name: &str) -> io::Result<()> {
        self.next_file()?;
        let path = serde_json::to_string(&JsonFile {
            path: name,
            report: None,
            error: None,
        })?;
        let path = path
            .strip_suffix('}')
            .ok_or_else(|| io::Error::other("unexpected file layout"))?;
        self.out.write_all(path.as_bytes())?;
        self.out.write_all(b",\"report\":")?;
        self.pods = 0;
        self.diagnoses = 0;
        self.spill = Spill::new();
        Ok(())
    }

    fn part(&mut self, _: &str, _: &str, part: Part) -> io::Result<()> {
        match part {
            Part::Pieces(pieces) => {
                write!(
                    self.out,
                    "{{\"schemaVersion\":{DIAGNOSIS_SCHEMA_VERSION},\"pieces\":"
                )?;
                serde_json::to_writer(&mut *self.out, &pieces)?;
                self.out.write_all(b",\"pods\":[")?;
            }
            Part::Pod(p) => {
                if self.pods > 0 {
                    self.out.write_all(b",")?;
                }
                self.pods += 1;
                serde_json::to_writer(&mut *self.out, &p)?;
            }
            Part::Diagnosis(d) => {
                let mut buf = Vec::with_capacity(8192);
                if self.diagnoses > 0 {
                    buf.push(b',');
                }
                self.diagnoses += 1;
                serde_json::to_writer(&mut buf, &d)?;
                self.spill.write(&buf)?;
            }
        }
        Ok(())
    }

    fn end(&mut self, _: &str, _: &str, rest: &DiagnosisReport) -> io::Result<()> {
        self.out.write_all(b"],\"diagnoses\":[")?;
        io::copy(&mut self.spill.reader()?, &mut self.out)?;
        self.spill = Spill::new();
        self.out.write_all(b"]")?;
        self.out.write_all(rest_of(rest)?.as_bytes())?;
        self.out.write_all(b"}")?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.next_file()?;
        serde_json::to_writer(
            &mut *self.out,
            &JsonFile {
                path: &e.name,
                report: None,
                error: Some(JsonError {
                    message: &e.message,
                    line: e.line,
                    column: e.column,
                }),
            },
        )?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.lines {
            serde_json::to_writer(
                &mut *self.out,
                &Last {
                    schema_version: SCHEMA_VERSION,
                    tool: json_tool(),
                    options: &self.options,
                    files: self.files,
                },
            )?;
        } else {
            self.out.write_all(b"]}")?;
        }
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::args::Format;
    use crate::diagnose::{DiagnoseRun, render};
    use pullpolicy::diagnose::DiagnoseOptions;
    use serde_json::{Value, json};
    use std::path::PathBuf;

    const FIXTURES: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../pullpolicy/tests/fixtures/diagnose"
    );

    /// A generated `kubectl get pods,events,nodes -o json` List: `pods` pods (one in
    /// `failing` of 100 failing), events about some of them and about pods not in the
    /// List, `nodes` nodes.
    pub fn list(seed: u64, pods: usize, failing: u64, events: usize, nodes: usize) -> String {
        let mut r = seed;
        let mut next = move |n: u64| {
            r = r
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (r >> 33) % n.max(1)
        };
        let images = [
            "nginx:1.25",
            "nginx:9.9",
            "ghcr.io/acme/api:v2",
            "busybox",
            "<b>x</b>:1",
        ];
        let mut items: Vec<Value> = Vec::new();
        for i in 0..pods {
            let image = images[next(images.len() as u64) as usize];
            let fail = next(100) < failing;
            let state = if fail {
                json!({"waiting": {"reason": "ErrImagePull", "message": format!("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/{image}\": failed to resolve reference \"docker.io/library/{image}\": docker.io/library/{image}: not found")}})
            } else {
                json!({"running": {"startedAt": "2026-12-01T10:00:04Z"}})
            };
            let digest = if next(4) == 0 { "cd" } else { "ef" };
            items.push(json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("pod-{i}"), "namespace": "default"},
                "spec": {"containers": [{"name": "c0", "image": image, "imagePullPolicy": "IfNotPresent"}], "nodeName": format!("node-{}", i % 2)},
                "status": {"phase": if fail { "Pending" } else { "Running" }, "containerStatuses": [{"name": "c0", "image": image, "imageID": if fail { String::new() } else { format!("docker.io/library/x@sha256:{}", digest.repeat(32)) }, "state": state}]},
            }));
            if i % 9 == 4 {
                items.push(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": format!("d{i}")}}));
            }
        }
        for k in 0..events {
            let p = next(pods as u64 + 2);
            let image = images[next(images.len() as u64) as usize];
            let message = match next(3) {
                0 => format!(
                    "Failed to pull image \"{image}\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/{image}\": failed to resolve reference \"docker.io/library/{image}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
                ),
                1 => format!("Back-off pulling image \"{image}\""),
                _ => "Error: ErrImagePull".to_owned(),
            };
            items.insert(
                (k * 5).min(items.len()),
                json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": format!("e{k}")},
                       "involvedObject": {"kind": "Pod", "name": format!("pod-{p}"), "namespace": "default", "fieldPath": "spec.containers{c0}"},
                       "reason": "Failed", "type": "Warning", "message": message, "count": 1 + next(5),
                       "firstTimestamp": "2026-12-01T10:00:00Z", "lastTimestamp": "2026-12-01T10:05:00Z",
                       "source": {"component": "kubelet", "host": "node-0"}}),
            );
        }
        for n in 0..nodes {
            items.push(json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("node-{n}")},
                "status": {"nodeInfo": {"containerRuntimeVersion": "containerd://1.7.2", "kubeletVersion": "v1.31.0", "architecture": "amd64", "operatingSystem": "linux"},
                           "images": [{"names": ["docker.io/library/nginx:1.25"], "sizeBytes": 100}],
                           "conditions": [{"type": "DiskPressure", "status": if n == 1 { "True" } else { "False" }}]}}));
        }
        let list = json!({"apiVersion": "v1", "kind": "List", "items": items});
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The inputs the differential tests run on, written to a directory of their own.
    pub fn inputs(tag: &str) -> (PathBuf, Vec<Vec<PathBuf>>) {
        let dir = std::env::temp_dir().join(format!(
            "pullpolicy-diagnosis-test-{tag}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut runs: Vec<Vec<PathBuf>> = Vec::new();
        let mut fixtures: Vec<PathBuf> = Vec::new();
        for sub in ["", "/composed"] {
            let mut files: Vec<PathBuf> = std::fs::read_dir(format!("{FIXTURES}{sub}"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "tsv"))
                .collect();
            files.sort();
            fixtures.extend(files);
        }
        for f in &fixtures {
            runs.push(vec![f.clone()]);
        }
        let mut generated = Vec::new();
        for (k, (pods, failing, events, nodes)) in [
            (30, 0, 0, 0),
            (30, 100, 0, 0),
            (40, 30, 0, 2),
            (40, 30, 25, 2),
            (0, 0, 6, 0),
            (0, 0, 0, 0),
        ]
        .into_iter()
        .enumerate()
        {
            let path = dir.join(format!("list-{k}.json"));
            std::fs::write(&path, list(k as u64, pods, failing, events, nodes)).unwrap();
            assert!(pullpolicy::diagnose::reads_by_items(
                &std::fs::read_to_string(&path).unwrap()
            ));
            runs.push(vec![path.clone()]);
            generated.push(path);
        }
        // Several inputs in one run, one of them missing.
        let mut several = vec![fixtures[0].clone(), generated[3].clone()];
        several.push(dir.join("missing.json"));
        several.push(generated[1].clone());
        several.push(fixtures[fixtures.len() - 1].clone());
        runs.push(several);
        (dir, runs)
    }

    fn whole(format: Format, pretty: bool, paths: &[PathBuf]) -> (Vec<u8>, u8) {
        let run = DiagnoseRun::collect(paths, "-", DiagnoseOptions::default());
        let mut out = Vec::new();
        render(format, &run, pretty, &mut out).unwrap();
        (out, run.status())
    }

    pub fn streamed(format: Format, pretty: bool, paths: &[PathBuf]) -> (Vec<u8>, u8) {
        let mut out = Vec::new();
        let status = crate::diagnose::streamed(
            format,
            pretty,
            paths,
            "-",
            DiagnoseOptions::default(),
            &mut out,
            &mut Vec::new(),
        )
        .unwrap();
        (out, status)
    }

    fn differential(format: Format, pretty: bool) {
        let (dir, runs) = inputs(&format!("{format:?}-{pretty}"));
        for paths in &runs {
            let (a, sa) = whole(format, pretty, paths);
            let (b, sb) = streamed(format, pretty, paths);
            if a != b {
                let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
                let at = a
                    .char_indices()
                    .zip(b.chars())
                    .find(|((_, x), y)| x != y)
                    .map_or(a.len().min(b.len()), |((i, _), _)| i);
                panic!(
                    "{format:?} pretty={pretty} {paths:?}: differs at byte {at}:\nwhole:    {}\nstreamed: {}",
                    &a[at.saturating_sub(200)..(at + 200).min(a.len())],
                    b.get(at.saturating_sub(200)..(at + 200).min(b.len()))
                        .unwrap_or_default()
                );
            }
            assert_eq!(sa, sb, "{paths:?}");
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn json_as_the_whole_run() {
        differential(Format::Json, false);
        differential(Format::Json, true);
    }

    #[test]
    fn jsonl_as_the_whole_run() {
        differential(Format::Jsonl, false);
    }
}
