using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace LeadManager.Web.Email;

/// <summary>
/// Liquid templates (Fluid) embedded in the assembly, rendered from a typed model found beside
/// them (<see cref="IEmailModel"/>). In the HTML body every value is HTML-encoded by the
/// encoder, so a patient's "name" cannot become markup; the text body is plain.
/// </summary>
public sealed class EmailTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new();
    private readonly ConcurrentDictionary<Type, bool> _registered = new();
    private readonly TemplateOptions _options = new();

    public EmailTemplates()
    {
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
    }

    public async Task<RenderedEmail> RenderAsync<TModel>(TModel model)
        where TModel : class, IEmailModel
    {
        _registered.GetOrAdd(typeof(TModel), Register);
        var html = await Template(typeof(TModel), "html").RenderAsync(new TemplateContext(model, _options), HtmlEncoder.Default);
        var text = await Template(typeof(TModel), "txt").RenderAsync(new TemplateContext(model, _options), NullEncoder.Default);
        return new RenderedEmail(model.Subject, html, text);
    }

    // A template reads only registered types: the model, and the items of its lists (a digest's requests).
    private bool Register(Type model)
    {
        _options.MemberAccessStrategy.Register(model);
        foreach (var property in model.GetProperties())
        {
            var items = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                ? property.PropertyType.GetGenericArguments()[0]
                : null;
            if (items is not null && items.IsClass && items != typeof(string))
            {
                _options.MemberAccessStrategy.Register(items);
            }
        }

        return true;
    }

    /// <summary>The model's template of this kind, embedded under the model's full name (see <see cref="IEmailModel"/>).</summary>
    internal static string ResourceName(Type model, string extension) => $"{model.FullName}.{extension}.liquid";

    private IFluidTemplate Template(Type model, string extension) => _templates.GetOrAdd(ResourceName(model, extension), static resource =>
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Email template {resource} is not embedded in the assembly: it belongs beside its model, named after it.");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Email template {resource} does not parse: {error}");
    });
}
