namespace LeadManager.Web.Features.Leads.ActionForms;

/// <summary>Which form the lead page's dialog should show, and the values it opens with (a choice already tapped on the call sheet).</summary>
public sealed record LeadFormRequest(Type Form, IReadOnlyDictionary<string, object> Values)
{
    public static LeadFormRequest Of<TForm>()
        where TForm : LeadActionForm => new(typeof(TForm), new Dictionary<string, object>());

    /// <summary>A form opened with one of its parameters set: pass the name with nameof, e.g. nameof(ReviewForm.Decision).</summary>
    public static LeadFormRequest Of<TForm>(string parameter, object value)
        where TForm : LeadActionForm => new(typeof(TForm), new Dictionary<string, object> { [parameter] = value });
}
