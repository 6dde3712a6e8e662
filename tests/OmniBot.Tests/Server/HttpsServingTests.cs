using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OmniBot.Server.Security;

namespace OmniBot.Tests.Server;

/// <summary><c>--tls-cert/--tls-key</c>: the server speaks HTTPS with the given certificate and marks its cookie Secure.</summary>
public sealed class HttpsServingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("omnibot-tls-");
    private readonly X509Certificate2 _certificate;
    private readonly string _certificatePath;
    private readonly string _keyPath;

    public HttpsServingTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        _certificatePath = Path.Combine(_folder.FullName, "omnibot.pem");
        _keyPath = Path.Combine(_folder.FullName, "omnibot.key");
        File.WriteAllText(_certificatePath, _certificate.ExportCertificatePem());
        File.WriteAllText(_keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Serve_WithAPemCertificateAndKey_AnswersOverHttpsWithThatCertificate()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { TlsCertificatePath = _certificatePath, TlsKeyPath = _keyPath });
        string? presented = null;
        using var client = TrustingClient(server, (_, certificate, _, _) =>
        {
            presented = certificate?.Thumbprint;
            return presented == _certificate.Thumbprint;
        });

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(_certificate.Thumbprint, presented);
    }

    [Fact]
    public async Task Login_OverHttps_SetsASecureCookieThatOpensTheServer()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with
        {
            ApiKey = "sesame",
            TlsCertificatePath = _certificatePath,
            TlsKeyPath = _keyPath,
        });
        using var client = TrustingClient(server, (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint);

        using var signIn = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("key", "sesame")]));
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(AccessControlMiddleware.SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Serve_WithCertificateAndKeyInOnePemFile_AnswersOverHttps()
    {
        var combined = Path.Combine(_folder.FullName, "combined.pem");
        File.WriteAllText(combined, File.ReadAllText(_certificatePath) + "\n" + File.ReadAllText(_keyPath));
        await using var server = await OmniBotTestServer.StartAsync(options => options with { TlsCertificatePath = combined });
        using var client = TrustingClient(server, (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint);

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Serve_WithAPfxFile_AnswersOverHttps()
    {
        var pfx = Path.Combine(_folder.FullName, "omnibot.pfx");
        await File.WriteAllBytesAsync(pfx, _certificate.Export(X509ContentType.Pkcs12));
        await using var server = await OmniBotTestServer.StartAsync(options => options with { TlsCertificatePath = pfx });
        using var client = TrustingClient(server, (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint);

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Load_APfxFileWithAKeyFile_SaysToDropTheKey()
    {
        var pfx = Path.Combine(_folder.FullName, "omnibot.pfx");
        await File.WriteAllBytesAsync(pfx, _certificate.Export(X509ContentType.Pkcs12));

        var error = Assert.Throws<ArgumentException>(() => ServerCertificate.Load(pfx, _keyPath));

        Assert.Contains("no --tls-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ACertificateWithoutItsKey_SaysToPassTlsKey()
    {
        var error = Assert.Throws<ArgumentException>(() => ServerCertificate.Load(_certificatePath, keyPath: null));

        Assert.Contains("--tls-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AMissingFile_NamesTheOptionAndTheFile()
    {
        var missing = Path.Combine(_folder.FullName, "missing.pem");

        var certificateError = Assert.Throws<ArgumentException>(() => ServerCertificate.Load(missing, _keyPath));
        var keyError = Assert.Throws<ArgumentException>(() => ServerCertificate.Load(_certificatePath, missing));

        Assert.Contains($"--tls-cert {missing}", certificateError.Message, StringComparison.Ordinal);
        Assert.Contains($"--tls-key {missing}", keyError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFileThatIsNoCertificate_SaysWhichFormatsWork()
    {
        var garbage = Path.Combine(_folder.FullName, "notes.txt");
        File.WriteAllText(garbage, "not a certificate");

        var error = Assert.Throws<ArgumentException>(() => ServerCertificate.Load(garbage, _keyPath));

        Assert.Contains("PEM", error.Message, StringComparison.Ordinal);
        Assert.Contains("PFX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TlsKeyWithoutCertificate_AreRefused()
    {
        var options = OmniBotTestServer.DefaultOptions(_folder.FullName) with { TlsKeyPath = _keyPath };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("--tls-cert", error.Message, StringComparison.Ordinal);
    }

    private static HttpClient TrustingClient(OmniBotTestServer server, Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> validate)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), ServerCertificateCustomValidationCallback = validate };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = server.BaseAddress };
    }
}
