package io.coerouter.expert;

/** Where a model's bytes come from, or where a model is now. */
public enum Tier {
    /** Loaded and ready on the device (GPU memory, or the CPU's when there is no GPU). */
    DEVICE,
    /** Not loaded, but its bytes are held in host memory: a reload skips the disk. */
    HOST,
    /** Only on disk. */
    DISK
}
