//! The launchers `sweep plan` writes: one task per variant, the same command under every
//! scheduler (`rotation sweep run DIR --index I`), none of them ours.

use std::path::Path;

/// A Slurm job array.
pub const SLURM_FILE: &str = "slurm.sbatch";
/// A Kubernetes Indexed Job.
pub const K8S_FILE: &str = "k8s-job.yaml";
/// One command per line, for GNU parallel or xargs.
pub const LINES_FILE: &str = "tasks.txt";

/// How the launchers start the tasks.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The `rotation` program as the nodes find it (an absolute path on a shared file
    /// system, or a name on the PATH).
    pub program: String,
    /// Tasks running at once (Slurm's `%K`, Kubernetes' parallelism); 0: all.
    pub parallel: usize,
    /// CPUs per task: HiGHS threads of each solve.
    pub cpus: u32,
    /// Kubernetes: the container image holding `rotation`.
    pub image: String,
    /// Kubernetes: the persistent volume claim holding the sweep folder.
    pub claim: String,
}

/// Where the Kubernetes pods mount the sweep folder.
const K8S_MOUNT: &str = "/sweep";

/// A word for a shell: quoted unless plainly safe.
fn shell_word(s: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+=:@".contains(c);
    if !s.is_empty() && s.chars().all(safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn parallel(n: usize, launch: &Launch) -> usize {
    if launch.parallel == 0 {
        n
    } else {
        launch.parallel.min(n)
    }
}

/// `slurm.sbatch`: a job array of `n` tasks, at most `parallel` at once, logs in `logs/`.
pub fn slurm(dir: &Path, n: usize, launch: &Launch) -> String {
    let dir = shell_word(&dir.display().to_string());
    let program = shell_word(&launch.program);
    let (last, k, cpus) = (n.saturating_sub(1), parallel(n, launch), launch.cpus);
    format!(
        "#!/bin/bash\n\
         # A Slurm job array: one task per variant of the sweep (written by `rotation sweep plan`).\n\
         # Submit: sbatch {dir}/slurm.sbatch   Then: rotation sweep status {dir}; rotation sweep merge {dir}\n\
         # A task already done with the same inputs is skipped, so resubmitting finishes what is missing.\n\
         #SBATCH --job-name=rotation-sweep\n\
         #SBATCH --array=0-{last}%{k}\n\
         #SBATCH --cpus-per-task={cpus}\n\
         #SBATCH --output={dir}/logs/%a.out\n\
         #SBATCH --error={dir}/logs/%a.err\n\
         exec {program} sweep run {dir} --index \"$SLURM_ARRAY_TASK_ID\" --threads \"${{SLURM_CPUS_PER_TASK:-{cpus}}}\"\n"
    )
}

/// `k8s-job.yaml`: an Indexed Job of `n` completions, `parallel` pods at once, each running
/// the task of its `JOB_COMPLETION_INDEX` on the sweep folder from a volume claim.
pub fn kubernetes(n: usize, launch: &Launch) -> String {
    let (k, cpus) = (parallel(n, launch), launch.cpus);
    let (image, claim) = (yaml_string(&launch.image), yaml_string(&launch.claim));
    format!(
        "# A Kubernetes Indexed Job: one pod per variant of the sweep (written by `rotation sweep plan`).\n\
         # The sweep folder must be on the volume claim below; the image must hold `rotation`.\n\
         # Run: kubectl apply -f k8s-job.yaml   Then: rotation sweep merge on the folder.\n\
         apiVersion: batch/v1\n\
         kind: Job\n\
         metadata:\n\
         \x20 name: rotation-sweep\n\
         spec:\n\
         \x20 completionMode: Indexed\n\
         \x20 completions: {n}\n\
         \x20 parallelism: {k}\n\
         \x20 backoffLimitPerIndex: 2\n\
         \x20 template:\n\
         \x20   spec:\n\
         \x20     restartPolicy: Never\n\
         \x20     containers:\n\
         \x20       - name: task\n\
         \x20         image: {image}\n\
         \x20         command: [\"sh\", \"-c\", \"exec rotation sweep run {K8S_MOUNT} --index \\\"$JOB_COMPLETION_INDEX\\\" --threads {cpus}\"]\n\
         \x20         resources:\n\
         \x20           requests:\n\
         \x20             cpu: \"{cpus}\"\n\
         \x20         volumeMounts:\n\
         \x20           - name: sweep\n\
         \x20             mountPath: {K8S_MOUNT}\n\
         \x20     volumes:\n\
         \x20       - name: sweep\n\
         \x20         persistentVolumeClaim:\n\
         \x20           claimName: {claim}\n"
    )
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// `tasks.txt`: the command of each task, one per line.
pub fn lines(dir: &Path, n: usize, launch: &Launch) -> String {
    let dir = shell_word(&dir.display().to_string());
    let program = shell_word(&launch.program);
    let cpus = launch.cpus;
    (0..n)
        .map(|i| format!("{program} sweep run {dir} --index {i} --threads {cpus}\n"))
        .collect()
}
