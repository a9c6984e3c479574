//! Running rayon work safely after `fork()` and with a chosen thread count.
//!
//! rayon's global pool does not survive `fork()`: a child process that calls
//! into a pool its parent had started waits forever for threads that do not
//! exist in the child. [`install`] records the process that first used the
//! global pool; in any other process (a forked child) it runs the work on a
//! pool built for that process instead.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::{ThreadPool, ThreadPoolBuilder};

static FIRST_PID: OnceLock<u32> = OnceLock::new();
type Pools = Mutex<HashMap<(u32, usize), Arc<ThreadPool>>>;
static POOLS: OnceLock<Pools> = OnceLock::new();

fn pool_for(pid: u32, threads: usize) -> Arc<ThreadPool> {
    let pools = POOLS.get_or_init(Default::default);
    let mut map = pools.lock().unwrap_or_else(|e| e.into_inner());
    // pools of other processes are unusable here: forget them
    map.retain(|(p, _), _| *p == pid);
    map.entry((pid, threads))
        .or_insert_with(|| {
            Arc::new(
                ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("tarikh-{i}"))
                    .build()
                    .expect("a rayon thread pool can be built"),
            )
        })
        .clone()
}

/// Run `f` (which may use rayon's parallel iterators) on a working pool:
/// the global pool, or one with `threads` threads when given, or a fresh one
/// when this process is a fork of the process that started the global pool.
pub fn install<R: Send>(threads: Option<usize>, f: impl FnOnce() -> R + Send) -> R {
    let pid = std::process::id();
    let first = *FIRST_PID.get_or_init(|| pid);
    match threads {
        Some(n) if n > 0 => pool_for(pid, n).install(f),
        _ if first != pid => pool_for(pid, rayon::current_num_threads().max(1)).install(f),
        _ => f(),
    }
}

/// The number of threads [`install`] would use.
pub fn current_threads(threads: Option<usize>) -> usize {
    match threads {
        Some(n) if n > 0 => n,
        _ => rayon::current_num_threads(),
    }
}
