using System.Collections.Concurrent;
using LeadManager.Data;
using LeadManager.Data.Leads;
using LeadManager.Data.LiveUpdates;
using LeadManager.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadManager.Web.LiveUpdates;

/// <summary>A lead changed: which one, how, and the version it is at now. No patient details.</summary>
public sealed record LeadChange(int LeadId, string Reference, LeadEventKind What, int Version);
