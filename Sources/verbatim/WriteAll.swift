import Foundation

/// Writes all of `bytes` to the open file `fd` with `write(2)`, without copying them, retrying after
/// a signal and after a short write. Returns 0, or the `errno` of the write that failed.
///
/// Exists once for standard output, the atomic report and bibliography files, and the annotated notes.
func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Int32 {
  bytes.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += n
    }
    return 0
  }
}
