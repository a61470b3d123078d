import Foundation

/// The certificates the loopback server can present over TLS, all bundled PEM files made by
/// `Resources/make-certificates.sh` (EC P-256).
///
/// A client trusts one file, ``TestCertificate/trustPath`` (`--cacert`): the self-signed
/// `localhost` certificate, which also signed the other two. So against a server started with
/// `.expired` verification fails for the dates alone, and with `.wrongHost` for the name alone.
public enum TestCertificate: String, Sendable, CaseIterable {
  /// CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1; valid 2025-01-01 to 2125-12-31.
  case localhost
  /// For localhost and 127.0.0.1, but valid only from 2020-01-01 to 2021-01-01.
  case expired
  /// For `wrong-host.invalid` only; valid until 2125.
  case wrongHost = "wrong-host"

  /// The PEM certificate a client must trust to talk to the loopback server over TLS.
  public static var trustPath: String { TestCertificate.localhost.certificatePath }

  /// Path of this certificate (PEM).
  public var certificatePath: String { Self.resourcePath("\(rawValue).pem") }

  /// Path of this certificate's private key (PEM, PKCS #8).
  public var privateKeyPath: String { Self.resourcePath("\(rawValue)-key.pem") }

  /// Path of a file in the test support bundle's `Resources` folder.
  static func resourcePath(_ name: String) -> String {
    let url = URL(fileURLWithPath: name)
    guard
      let found = Bundle.module.url(
        forResource: url.deletingPathExtension().lastPathComponent, withExtension: url.pathExtension,
        subdirectory: "Resources")
    else { fatalError("VerbatimTestSupport: no bundled resource \(name)") }
    return found.path
  }
}
