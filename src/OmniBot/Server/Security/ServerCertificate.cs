using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OmniBot.Server.Security;

/// <summary>Loads the certificate <c>omnibot serve --tls-cert/--tls-key</c> serves HTTPS with, failing with a message that says what to pass.</summary>
public static class ServerCertificate
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>
    /// A PEM certificate with its PEM key in <paramref name="keyPath"/> (or in the same file when null), or a PKCS#12
    /// (.pfx) file without a password (then <paramref name="keyPath"/> must be null).
    /// </summary>
    /// <exception cref="ArgumentException">A file is missing, unreadable, has no private key or is not for TLS servers.</exception>
    public static X509Certificate2 Load(string certificatePath, string? keyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        RequireFile("--tls-cert", certificatePath);
        if (keyPath is not null)
        {
            RequireFile("--tls-key", keyPath);
        }

        var contents = File.ReadAllBytes(certificatePath);
        var isPem = contents.AsSpan().IndexOf("-----BEGIN "u8) >= 0;
        if (!isPem && keyPath is not null)
        {
            throw Unusable(certificatePath, keyPath, "it is not a PEM file, and a PFX file holds its own key");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = isPem ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath) : X509CertificateLoader.LoadPkcs12(contents, password: null);
            if (isPem && OperatingSystem.IsWindows())
            {
                // SChannel cannot serve with the ephemeral key a PEM import makes; a PKCS#12 round trip stores it.
                using var ephemeral = certificate;
                certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
            }
        }
        catch (CryptographicException ex)
        {
            throw Unusable(certificatePath, keyPath, ex.Message, ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"--tls-cert {certificatePath} has no private key: pass the key file with --tls-key.", nameof(keyPath));
        }

        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage
            && !usage.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == ServerAuthentication))
        {
            certificate.Dispose();
            throw new ArgumentException($"--tls-cert {certificatePath} is not a TLS server certificate (its extended key usage lacks server authentication).", nameof(certificatePath));
        }

        return certificate;
    }

    private static ArgumentException Unusable(string certificatePath, string? keyPath, string reason, Exception? inner = null) => new(
        $"--tls-cert {certificatePath}{(keyPath is null ? string.Empty : $" with --tls-key {keyPath}")} is not a usable certificate ({reason.TrimEnd('.')}). "
        + "Pass a PEM certificate and its unencrypted PEM key (--tls-key), one PEM file holding both, or a PFX file without a password (and no --tls-key).",
        "certificatePath",
        inner);

    private static void RequireFile(string option, string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{option} {path}: there is no such file.", option);
        }
    }
}
