//! Background threads: an import's matching yields the processor to its writer.
//!
//! Why: a batch import's wall time is its writer's (the one thread that stores articles; the
//! extraction before it and the matching and clustering after it keep pace). Matching claims
//! against the fact-check library is work of the same size as storing on a machine with few
//! cores, and at equal priority it took the writer's share of the processor: on two cores, the
//! SaudiNewsNet sample into a 10,000-fact-check library took 6.5–6.7 s at equal priority and
//! 6.1–6.3 s with matching at nice 10 (empty library: 5.2–5.4 s). The matching keeps up with
//! the writer either way and runs at full speed once the writer is done.

/// Lowers the calling thread's scheduling priority to nice 10 (a per-thread attribute on
/// Linux, `setpriority(2)`). Elsewhere, and when the system refuses, nothing changes: the
/// thread only runs at the writer's priority, which is correct, only slower.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    {
        const NICE: libc::c_int = 10;
        // SAFETY: gettid(2) and setpriority(2) take and return plain integers and touch no
        // memory of this process; setpriority on the calling thread's own id changes only that
        // thread's nice value.
        unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, NICE);
        }
    }
}
