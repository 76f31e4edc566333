using System.ComponentModel.DataAnnotations;
using LeadManager.Web.Auth;

namespace LeadManager.Web.Components.Account.Pages;

/// <summary>A new password typed twice, as the account pages' forms take it.</summary>
public class NewPasswordInput
{
    public const int MaximumLength = 256;

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(MaximumLength, MinimumLength = StaffPasswordRules.MinimumLength, ErrorMessage = "Choose a password of at least {2} characters (and at most {1}).")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Type the password again to confirm it.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords don't match. Type them again.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>An emailed link's form: the account and token ride in hidden fields, so the post's address carries no token.</summary>
public sealed class LinkPasswordInput : NewPasswordInput
{
    public string UserId { get; set; } = "";
    public string Token { get; set; } = "";
}

public sealed class ChangePasswordInput : NewPasswordInput
{
    [Required(ErrorMessage = "Enter the password you signed in with.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";
}
