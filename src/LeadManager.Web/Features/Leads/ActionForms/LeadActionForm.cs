using System.Security.Claims;
using Microsoft.AspNetCore.Components;

namespace LeadManager.Web.Features.Leads.ActionForms;

/// <summary>
/// One action's form in the lead page's dialog. The form owns its fields, loads what it needs,
/// and knows its title, its confirm label, its done message and the one <see cref="LeadActions"/>
/// call it makes; the page hosts the dialog, the version the person saw and the conflict flow.
/// </summary>
public abstract class LeadActionForm : ComponentBase
{
    /// <summary>The lead as the page shows it now: after a conflict the page passes the reloaded one, and the form keeps what was typed.</summary>
    [Parameter, EditorRequired]
    public LeadView View { get; set; } = default!;

    /// <summary>Raised when <see cref="Title"/> can be shown and again once <see cref="Loaded"/>, so the page redraws its dialog.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    public abstract string Title { get; }

    public virtual string ConfirmLabel => "Confirm";

    public virtual string DoneMessage => "Done.";

    /// <summary>Whatever the form needed from the database is here; until then it shows a progress bar and the page does not submit it.</summary>
    public bool Loaded { get; private set; }

    public abstract Task<LeadActionResult> SubmitAsync(ClaimsPrincipal user, int seenVersion);

    /// <summary>Reads what the form offers (clinicians, free slots, sites...) once, when it opens.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected static LeadActionResult Missing(string message) => new(LeadActionStatus.Refused, message);

    protected sealed override async Task OnInitializedAsync()
    {
        await Changed.InvokeAsync();
        await LoadAsync();
        Loaded = true;
        await Changed.InvokeAsync();
    }
}
