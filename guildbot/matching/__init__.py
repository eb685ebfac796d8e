"""Pure matching algorithms: plain values in, plain values out, no I/O."""
