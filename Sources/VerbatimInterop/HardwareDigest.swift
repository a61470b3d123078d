internal import COpenSSL

/// SHA-1 and SHA-256 through OpenSSL's libcrypto (which libcurl already links), using the CPU's
/// SHA instructions where there are some: about ten times faster than portable code here, and
/// digests were most of the CPU time spent archiving a fetched page.
public enum HardwareDigest {
  public static func sha1(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
    var out = [UInt8](repeating: 0, count: 20)
    let ok = out.withUnsafeMutableBufferPointer { copenssl_sha1(bytes.baseAddress, bytes.count, $0.baseAddress) }
    return ok == 1 ? out : nil
  }

  public static func sha256(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
    var out = [UInt8](repeating: 0, count: 32)
    let ok = out.withUnsafeMutableBufferPointer { copenssl_sha256(bytes.baseAddress, bytes.count, $0.baseAddress) }
    return ok == 1 ? out : nil
  }
}
