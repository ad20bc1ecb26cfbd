using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Omni.Client.Transport;

/// <summary>
/// Every request to Omni goes through here: the shared rate limiter (a token per attempt, retries included),
/// a per-attempt timeout, retries with back-off, a total timeout (<see cref="CallBudget"/>, which also covers
/// the wait for rate-limit tokens), and logging without secrets.
/// </summary>
internal sealed class OmniTransport : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue ScimJson = new("application/scim+json");
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly string _apiKey;
    private readonly RateLimiterRegistry _rateLimiters;
    private readonly string _limiterKey;
    private readonly OmniClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotentPipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _postPipeline;
    private readonly ResiliencePipeline _attemptPipeline;

    public OmniTransport(HttpClient? http, OmniClientOptions options, ILogger log, TimeProvider time, RateLimiterRegistry rateLimiters, Func<double>? random = null)
    {
        OmniEndpoint.Validate(options);
        ApiBase = OmniEndpoint.NormalizeBaseUrl(options.BaseUrl);
        _options = options;
        _time = time;
        _log = log;
        _apiKey = options.ApiKey;
        _authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        _rateLimiters = rateLimiters;
        _limiterKey = RateLimiterRegistry.KeyOf(ApiBase, options.ApiKey);
        rateLimiters.Register(_limiterKey, options.RequestsPerMinute);
        _ownsHttp = http is null;
        _http = http ?? CreateHttpClient();
        Random = random ?? System.Random.Shared.NextDouble;
        _idempotentPipeline = BuildRetryPipeline(args => RetryRules.ShouldRetryIdempotent(args.Outcome, args.Context.CancellationToken));
        _postPipeline = BuildRetryPipeline(args => RetryRules.ShouldRetryPost(args.Outcome));
        RecentlyCreated = new RecentlyCreated(time);
        _attemptPipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.RequestTimeout).Build();
    }

    /// <summary>The API root, always ending in "/api/".</summary>
    public Uri ApiBase { get; }

    public OmniClientOptions Options => _options;

    public TimeProvider Time => _time;

    public ILogger Log => _log;

    public Func<double> Random { get; }

    /// <summary>Objects this client created a moment ago: a 404 on reading one is retried briefly (read after write).</summary>
    public RecentlyCreated RecentlyCreated { get; }

    /// <summary>The bucket in force for this organisation and key (looked up per request: a later client may have changed its rate).</summary>
    internal RateLimiter? Limiter => _options.RequestsPerMinute > 0 ? _rateLimiters.Current(_limiterKey) : null;

    private static HttpClient CreateHttpClient() =>
        // One pooled handler per client; recycling connections every few minutes follows DNS changes.
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            // Our own per-attempt and total timeouts govern; HttpClient's would cut across them.
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private ResiliencePipeline<HttpResponseMessage> BuildRetryPipeline(Func<RetryPredicateArguments<HttpResponseMessage>, bool> shouldRetry)
    {
        // TotalTimeout is not a strategy here: it is the CallBudget's token, so one budget can span several requests.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(shouldRetry(args) &&
                    !RetryRules.InternalErrorCapReached(args.Outcome, args.Context.Properties.GetValue(RequestKey, null!).ConsecutiveInternalErrors)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryRules.Delay(args.AttemptNumber, args.Outcome.Result, _options, _time, Random)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    OmniLog.Retrying(_log, request.Method.Method, request.LogPath, (long)args.RetryDelay.TotalMilliseconds,
                        RetryRules.Describe(args.Outcome), args.AttemptNumber + 1, _options.MaxRetries);
                    return default;
                },
            });
        }
        return builder.Build();
    }

    private static readonly ResiliencePropertyKey<PendingRequest> RequestKey = new("omni.request");

    /// <summary>
    /// Sends one call within its own TotalTimeout and returns Omni's final answer (any status). Throws
    /// <see cref="OmniTransportException"/> when no answer arrived, and <see cref="OperationCanceledException"/>
    /// when the caller cancelled.
    /// </summary>
    public async Task<OmniResponse> SendAsync(HttpMethod method, string relativePath, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        using var budget = NewBudget(cancellationToken);
        return await SendAsync(method, relativePath, jsonBody, budget).ConfigureAwait(false);
    }

    /// <summary>
    /// A GET of one object. A 404 for an object this client created a moment ago (<see cref="RecentlyCreated"/>) is
    /// retried with short waits until the window ends; any other 404 is returned at once.
    /// </summary>
    public async Task<OmniResponse> GetObjectAsync(string objectPath, string query, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            var response = await SendAsync(HttpMethod.Get, objectPath + query, null, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NotFound || RecentlyCreated.Remaining(objectPath) is not { } left)
            {
                return response;
            }
            var wait = TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(retry, 4))));
            OmniLog.NotFoundRightAfterCreate(_log, response.Path, (long)wait.TotalMilliseconds);
            await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    public CallBudget NewBudget(CancellationToken cancellationToken) => new(_options.TotalTimeout, _time, cancellationToken);

    /// <summary>Sends one call as part of a larger one whose <paramref name="budget"/> bounds it.</summary>
    public async Task<OmniResponse> SendAsync(HttpMethod method, string relativePath, byte[]? jsonBody, CallBudget budget)
    {
        var pending = new PendingRequest(method, new Uri(ApiBase, relativePath), jsonBody, budget);
        var pipeline = method == HttpMethod.Post ? _postPipeline : _idempotentPipeline;
        var context = ResilienceContextPool.Shared.Get(budget.Token);
        context.Properties.Set(RequestKey, pending);
        try
        {
            using var response = await pipeline.ExecuteAsync(
                static (ctx, state) => state.transport.AttemptAsync(state.pending, ctx.CancellationToken),
                context,
                (transport: this, pending)).ConfigureAwait(false);
            // The body is already buffered; a write's answer is kept even when the caller has just cancelled.
            var body = await response.Content.ReadAsStringAsync(pending.IsWrite ? budget.DeadlineToken : budget.Token).ConfigureAwait(false);
            return new OmniResponse(method.Method, pending.LogPath, response.StatusCode, body, pending.Attempts - 1,
                NotProcessed: RetryRules.IsMaintenance(response));
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException ||
                                  (e is OperationCanceledException && !budget.CallerToken.IsCancellationRequested))
        {
            throw NoAnswer(pending, budget, e);
        }
        catch (OperationCanceledException e) when (e is not OmniCancelledException)
        {
            throw new OmniCancelledException(method.Method, pending.LogPath, pending.Sent,
                pending.IsWrite && (pending.OutcomeUncertain || pending.SentWithoutAnswer), e, budget.CallerToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private OmniTransportException NoAnswer(PendingRequest pending, CallBudget budget, Exception e)
    {
        var attempts = $" after {pending.Attempts} attempt(s)";
        var (what, hint) = e switch
        {
            _ when budget.Expired && pending.WaitingForToken =>
                ($"waited {_time.GetElapsedTime(pending.TokenWaitStarted).TotalSeconds:0.#} s for the client-side rate limit " +
                 $"(requestsPerMinute={_options.RequestsPerMinute}) until TotalTimeout ({budget.Total}) ran out; " +
                 (pending.Attempts > 1 ? $"attempt {pending.Attempts} was not sent" : "nothing was sent"),
                 "too many calls are queued for this key: raise TotalTimeout (it covers the wait for the rate limit) or lower parallelism"),
            _ when budget.Expired =>
                ($"the call did not finish within TotalTimeout ({budget.Total})", "Omni is slow or unreachable; raise TotalTimeout or try again later"),
            TimeoutRejectedException =>
                ($"no answer within RequestTimeout ({_options.RequestTimeout})", "Omni is slow or unreachable; raise requestTimeoutSeconds or try again later"),
            _ when RetryRules.WasNeverSent(e) =>
                ($"could not connect to {ApiBase.Authority}: {e.Message}", "check baseUrl and that the host is reachable from here"),
            _ =>
                ($"the connection failed: {e.Message}", "a proxy or Omni dropped the connection; try again later"),
        };
        var failure = budget.Expired && pending.WaitingForToken ? what : what + attempts;
        var mayHaveBeenApplied = pending.IsWrite && (pending.SentWithoutAnswer || pending.OutcomeUncertain);
        if (mayHaveBeenApplied)
        {
            hint += $"; Omni may have applied the {pending.Method.Method} without answering, so read it back before sending it again";
        }
        return new OmniTransportException(pending.Method.Method, pending.LogPath, failure, hint, pending.Attempts, e)
        {
            MayHaveBeenApplied = pending.SentWithoutAnswer,
            LastFailure = what,
        };
    }

    private async ValueTask<HttpResponseMessage> AttemptAsync(PendingRequest pending, CancellationToken cancellationToken)
    {
        var attempt = ++pending.Attempts;
        // Only the last attempt matters: earlier ones were retried because Omni answered or never received them.
        pending.SentWithoutAnswer = false;
        await TakeTokenAsync(pending, cancellationToken).ConfigureAwait(false);
        // After a cancel nothing new starts; once a write is on the wire, only its attempt timeout and the call's
        // deadline end the wait, so an answer Omni gives (and the object it created) is not lost.
        cancellationToken.ThrowIfCancellationRequested();
        var sendToken = pending.IsWrite ? pending.Budget.DeadlineToken : cancellationToken;
        var started = _time.GetTimestamp();
        try
        {
            var response = await _attemptPipeline.ExecuteAsync(
                static async (state, ct) =>
                {
                    using var request = state.transport.BuildRequest(state.pending);
                    state.pending.SentWithoutAnswer = true;
                    state.pending.Sent++;
                    // ResponseContentRead: the body is read inside the attempt, under its timeout.
                    return await state.transport._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                },
                (transport: this, pending),
                sendToken).ConfigureAwait(false);
            pending.SentWithoutAnswer = false;
            pending.Answered(response);
            OmniLog.Answered(_log, pending.Method.Method, pending.LogPath, (int)response.StatusCode, ElapsedMs(started), attempt);
            return response;
        }
        catch (Exception e) when (!sendToken.IsCancellationRequested)
        {
            if (RetryRules.WasNeverSent(e))
            {
                pending.SentWithoutAnswer = false;
                pending.Sent--;
            }
            else
            {
                pending.OutcomeUncertain = true;
            }
            OmniLog.AttemptFailed(_log, pending.Method.Method, pending.LogPath, attempt, ElapsedMs(started), $"{e.GetType().Name}: {e.Message}");
            throw;
        }
    }

    private async ValueTask TakeTokenAsync(PendingRequest pending, CancellationToken cancellationToken)
    {
        if (Limiter is not { } limiter)
        {
            return;
        }
        pending.TokenWaitStarted = _time.GetTimestamp();
        pending.WaitingForToken = true;
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException e)
        {
            throw new ObjectDisposedException(RateLimiterRegistry.DisposedMessage, e);
        }
        using var _ = lease;
        if (!lease.IsAcquired)
        {
            // The queue is unbounded, so a refused lease means the bucket was disposed under a waiting request.
            throw new ObjectDisposedException(nameof(RateLimiterRegistry), RateLimiterRegistry.DisposedMessage);
        }
        pending.WaitingForToken = false;
        var waited = ElapsedMs(pending.TokenWaitStarted);
        if (waited > 0)
        {
            OmniLog.WaitedForToken(_log, waited, pending.Method.Method, pending.LogPath);
        }
    }

    private long ElapsedMs(long startedTimestamp) => (long)_time.GetElapsedTime(startedTimestamp).TotalMilliseconds;

    private HttpRequestMessage BuildRequest(PendingRequest pending)
    {
        var request = new HttpRequestMessage(pending.Method, pending.Uri);
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(ScimJson);
        request.Headers.Accept.Add(Json);
        if (pending.JsonBody is not null)
        {
            request.Content = new ByteArrayContent(pending.JsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return request;
    }

    /// <summary>Omni's message with the key masked, should a server ever echo it back.</summary>
    public string? Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text : text.Replace(_apiKey, "***", StringComparison.Ordinal);

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private sealed class PendingRequest(HttpMethod method, Uri uri, byte[]? jsonBody, CallBudget budget)
    {
        public HttpMethod Method { get; } = method;
        public Uri Uri { get; } = uri;
        public byte[]? JsonBody { get; } = jsonBody;
        public CallBudget Budget { get; } = budget;
        public string LogPath { get; } = uri.AbsolutePath;

        /// <summary>Anything but GET changes Omni's state: once sent, its answer is awaited even after a cancel.</summary>
        public bool IsWrite => Method != HttpMethod.Get;

        public int Attempts { get; set; }

        /// <summary>Attempts that went out on the wire (a refused connection or a cancel before sending is not one).</summary>
        public int Sent { get; set; }

        /// <summary>The current attempt went out and no answer came back: a write may have been applied.</summary>
        public bool SentWithoutAnswer { get; set; }

        /// <summary>An earlier attempt ended without a certain outcome (no answer, or a 5xx/408 other than maintenance).</summary>
        public bool OutcomeUncertain { get; set; }

        public int ConsecutiveInternalErrors { get; private set; }

        public bool WaitingForToken { get; set; }

        public long TokenWaitStarted { get; set; }

        public void Answered(HttpResponseMessage response)
        {
            ConsecutiveInternalErrors = response.StatusCode == HttpStatusCode.InternalServerError ? ConsecutiveInternalErrors + 1 : 0;
            if (RetryRules.IsUncertainStatus(response.StatusCode) && !RetryRules.IsMaintenance(response))
            {
                OutcomeUncertain = true;
            }
        }
    }
}
