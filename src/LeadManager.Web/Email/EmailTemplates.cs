using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace LeadManager.Web.Email;

/// <summary>A typed model for one email; its name picks the templates ("{Name}.html.liquid" and ".txt.liquid").</summary>
public interface IEmailModel
{
    static abstract string TemplateName { get; }
}

public sealed record RenderedEmail(string Html, string Text);

/// <summary>
/// Liquid templates (Fluid) embedded in the assembly, rendered from a typed model. In the
/// HTML body every value is HTML-encoded by the encoder, so a patient's "name" cannot
/// become markup; the text body is plain.
/// </summary>
public sealed class EmailTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new();
    private readonly TemplateOptions _options = new();

    public EmailTemplates()
    {
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
    }

    public async Task<RenderedEmail> RenderAsync<TModel>(TModel model)
        where TModel : class, IEmailModel
    {
        _options.MemberAccessStrategy.Register<TModel>();
        var html = await Template($"{TModel.TemplateName}.html.liquid").RenderAsync(new TemplateContext(model, _options), HtmlEncoder.Default);
        var text = await Template($"{TModel.TemplateName}.txt.liquid").RenderAsync(new TemplateContext(model, _options), NullEncoder.Default);
        return new RenderedEmail(html, text);
    }

    private IFluidTemplate Template(string name) => _templates.GetOrAdd(name, static file =>
    {
        var resource = $"{typeof(EmailTemplates).Namespace}.Templates.{file}";
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Email template {resource} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Email template {file} does not parse: {error}");
    });
}
