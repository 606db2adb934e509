//! Background threads: an import's matching yields the processor to its writer.
//!
//! Why: a batch import's wall time is its writer's (the one thread that stores articles; the
//! extraction before it and the matching and clustering after it keep pace). Matching claims
//! against the fact-check library is work of the same size as storing on a machine with few
//! cores, and at equal priority it took the writer's share of the processor: on two cores, the
//! SaudiNewsNet sample into a 10,000-fact-check library took 6.5–6.7 s at equal priority and
//! 6.1–6.3 s with matching 10 nice steps lower (empty library: 5.2–5.4 s). The matching keeps up with
//! the writer either way and runs at full speed once the writer is done.

/// Lowers the calling thread's scheduling priority by 10 nice steps, at most to 19 (a
/// per-thread attribute on Linux, `getpriority(2)`/`setpriority(2)`), relative to where it is:
/// an import started with `nice -n 19` keeps its matching no higher than its writer. Elsewhere,
/// and when the system refuses, nothing changes: the thread runs at the writer's priority,
/// which is correct, only slower.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    {
        const STEPS: libc::c_int = 10;
        const LOWEST: libc::c_int = 19;
        // SAFETY: gettid(2), getpriority(2) and setpriority(2) take and return plain integers
        // and touch no memory of this process but errno (this thread's own, read right after
        // the call that sets it); setpriority on the calling thread's own id changes only
        // that thread's nice value.
        unsafe {
            let tid = libc::gettid() as libc::id_t;
            // getpriority returns -1 both as a nice value and on error: errno tells them apart.
            *libc::__errno_location() = 0;
            let nice = libc::getpriority(libc::PRIO_PROCESS, tid);
            if nice == -1 && *libc::__errno_location() != 0 {
                return;
            }
            libc::setpriority(libc::PRIO_PROCESS, tid, (nice + STEPS).min(LOWEST));
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// This thread's nice value, read from /proc (not through the code under test).
    fn nice_of_this_thread() -> i32 {
        let stat =
            std::fs::read_to_string("/proc/thread-self/stat").expect("/proc/thread-self/stat");
        // Fields after the command name (in parentheses, which may hold spaces): the nice
        // value is field 19 of the line, the 17th after the name.
        let after = &stat[stat.rfind(')').expect("a command name") + 2..];
        after
            .split(' ')
            .nth(16)
            .expect("field 19")
            .parse()
            .expect("a number")
    }

    #[test]
    fn lowers_by_ten_steps_from_where_the_thread_is_and_stops_at_19() {
        std::thread::spawn(|| {
            let before = nice_of_this_thread();
            lower_this_thread();
            assert_eq!(nice_of_this_thread(), (before + 10).min(19));
            lower_this_thread();
            assert_eq!(nice_of_this_thread(), (before + 20).min(19));
        })
        .join()
        .expect("the test thread");
    }
}
