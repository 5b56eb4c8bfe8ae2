import Foundation
import SalesPulseCore
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    let teamA = UUID(), teamB = UUID()
    let admin = UUID(), manager = UUID(), rep = UUID(), otherRep = UUID(), viewer = UUID(), stranger = UUID()

    var actors: [Role: Actor] {
        [
            .admin: Actor(userID: admin, role: .admin),
            .manager: Actor(userID: manager, role: .manager, teamIDs: [teamA], managedUserIDs: [rep]),
            .rep: Actor(userID: rep, role: .rep, teamIDs: [teamA]),
            .viewer: Actor(userID: viewer, role: .viewer),
        ]
    }

    @Test func adminMayDoEverything() {
        let actor = actors[.admin]!
        for resource in Resource.allCases {
            for action in Action.allCases {
                #expect(
                    AccessPolicy.decide(actor, action, resource, record: RecordScope(ownerID: stranger)) == .allowed)
            }
        }
    }

    @Test func repSeesOnlyOwnOrAssignedRecords() {
        let actor = actors[.rep]!
        #expect(AccessPolicy.decide(actor, .update, .businessRecord, record: RecordScope(ownerID: rep)) == .allowed)
        #expect(
            AccessPolicy.decide(
                actor, .read, .businessRecord, record: RecordScope(ownerID: otherRep, assigneeIDs: [rep])) == .allowed)
        // given another rep's record, even in the same team
        let foreign = RecordScope(ownerID: otherRep, teamID: teamA)
        // then it does not exist for this rep
        #expect(AccessPolicy.decide(actor, .read, .businessRecord, record: foreign) == .notFound)
        #expect(AccessPolicy.decide(actor, .delete, .businessRecord, record: foreign) == .notFound)
        #expect(AccessPolicy.visibleOwnerIDs(actor) == [rep])
    }

    @Test func managerSeesTeamAndReportsButNotOtherTeams() {
        let actor = actors[.manager]!
        #expect(AccessPolicy.decide(actor, .update, .businessRecord, record: RecordScope(ownerID: rep)) == .allowed)
        #expect(
            AccessPolicy.decide(actor, .read, .businessRecord, record: RecordScope(ownerID: stranger, teamID: teamA))
                == .allowed)
        #expect(
            AccessPolicy.decide(actor, .read, .businessRecord, record: RecordScope(ownerID: stranger, teamID: teamB))
                == .notFound)
        #expect(AccessPolicy.visibleOwnerIDs(actor) == [rep, manager])
    }

    @Test func viewerReadsButNeverWritesOrExports() {
        let actor = actors[.viewer]!
        let record = RecordScope(ownerID: rep)
        #expect(AccessPolicy.decide(actor, .read, .businessRecord, record: record) == .allowed)
        for action in [Action.create, .update, .delete, .export] {
            #expect(AccessPolicy.decide(actor, action, .businessRecord, record: record) == .forbidden)
        }
    }

    @Test func exportsNeedTheCompanysGrantAndSightOfTheRow() {
        let record = RecordScope(ownerID: rep)
        #expect(AccessPolicy.decide(actors[.rep]!, .export, .businessRecord, record: record) == .allowed)
        #expect(
            AccessPolicy.decide(actors[.rep]!, .export, .businessRecord, record: RecordScope(ownerID: stranger))
                == .notFound)
        let refusedRep = Actor(userID: rep, role: .rep, exportGranted: false)
        #expect(AccessPolicy.decide(refusedRep, .export, .businessRecord, record: record) == .forbidden)
        let grantedViewer = Actor(userID: UUID(), role: .viewer, exportGranted: true)
        #expect(AccessPolicy.decide(grantedViewer, .export, .businessRecord, record: record) == .allowed)
        #expect(AccessPolicy.decide(grantedViewer, .update, .businessRecord, record: record) == .forbidden)
        #expect(AccessPolicy.decide(grantedViewer, .export, .user) == .forbidden)
    }

    @Test func usersAreAdministeredByAdminsAndReadByManagersForTheirTeam() {
        #expect(AccessPolicy.decide(actors[.manager]!, .read, .user) == .allowed)
        #expect(
            AccessPolicy.decide(actors[.manager]!, .read, .user, record: RecordScope(ownerID: rep, teamID: teamA))
                == .allowed)
        #expect(
            AccessPolicy.decide(actors[.manager]!, .read, .user, record: RecordScope(ownerID: stranger, teamID: teamB))
                == .notFound)
        #expect(AccessPolicy.decide(actors[.manager]!, .update, .user, record: RecordScope(ownerID: rep)) == .forbidden)
        #expect(AccessPolicy.decide(actors[.manager]!, .create, .user) == .forbidden)
        for role in [Role.rep, .viewer] {
            #expect(AccessPolicy.decide(actors[role]!, .read, .user) == .forbidden)
            #expect(AccessPolicy.decide(actors[role]!, .create, .user) == .forbidden)
        }
        // a rep may read their own account
        #expect(AccessPolicy.decide(actors[.rep]!, .read, .user, record: RecordScope(ownerID: rep)) == .allowed)
    }

    @Test func teamsAreReadByAllAndWrittenByAdmins() {
        for role in [Role.manager, .rep, .viewer] {
            #expect(AccessPolicy.decide(actors[role]!, .read, .team) == .allowed)
            #expect(AccessPolicy.decide(actors[role]!, .create, .team) == .forbidden)
            #expect(AccessPolicy.decide(actors[role]!, .delete, .team) == .forbidden)
        }
    }

    @Test func tokensBelongToTheirOwner() {
        let actor = actors[.rep]!
        #expect(AccessPolicy.decide(actor, .delete, .apiToken, record: RecordScope(ownerID: rep)) == .allowed)
        #expect(AccessPolicy.decide(actor, .delete, .apiToken, record: RecordScope(ownerID: otherRep)) == .notFound)
    }

    @Test func settingsAndTrainingFollowRoles() {
        #expect(AccessPolicy.decide(actors[.manager]!, .update, .settings) == .forbidden)
        #expect(AccessPolicy.decide(actors[.manager]!, .create, .model) == .allowed)
        #expect(AccessPolicy.decide(actors[.rep]!, .create, .model) == .forbidden)
        #expect(AccessPolicy.decide(actors[.viewer]!, .read, .model) == .allowed)
    }

    @Test func backgroundJobsAndSentMailAreForAdminsOnly() {
        for role in [Role.manager, .rep, .viewer] {
            #expect(AccessPolicy.decide(actors[role]!, .read, .jobs) == .forbidden)
            #expect(AccessPolicy.decide(actors[role]!, .update, .jobs) == .forbidden)
        }
        #expect(AccessPolicy.decide(actors[.admin]!, .update, .jobs) == .allowed)
    }

    @Test func backupsAreForAdminsOnly() {
        for role in [Role.manager, .rep, .viewer] {
            for action in [Action.read, .create, .update, .export] {
                #expect(AccessPolicy.decide(actors[role]!, action, .backups) == .forbidden)
            }
        }
        #expect(AccessPolicy.decide(actors[.admin]!, .create, .backups) == .allowed)
        #expect(AccessPolicy.decide(actors[.admin]!, .read, .backups) == .allowed)
    }

    @Test func personalDataIsForAdminsAndTheRolesTheyGrantItTo() {
        for role in [Role.manager, .rep, .viewer] {
            for action in Action.allCases {
                #expect(AccessPolicy.decide(actors[role]!, action, .personalData) == .forbidden)
            }
        }
        let granted = actors[.manager]!.granting(privacyTo: [.manager])
        #expect(AccessPolicy.decide(granted, .delete, .personalData) == .allowed)
        #expect(AccessPolicy.decide(granted, .update, .settings) == .forbidden)
        #expect(AccessPolicy.decide(actors[.rep]!.granting(privacyTo: [.manager]), .read, .personalData) == .forbidden)
        #expect(AccessPolicy.decide(actors[.admin]!, .delete, .personalData) == .allowed)
    }

    @Test func roleNamesParse() {
        #expect(Role(parsing: "Sales Manager") == .manager)
        #expect(Role(parsing: " REP ") == .rep)
        #expect(Role(parsing: "sales-representative") == .rep)
        #expect(Role(parsing: "owner") == nil)
    }
}

@Suite("Access policy: admin-only areas")
struct AdminOnlyAreaTests {
    @Test func auditTrailAndFieldDefinitions() {
        for role in [Role.manager, .rep, .viewer] {
            let actor = Actor(userID: UUID(), role: role)
            #expect(AccessPolicy.decide(actor, .read, .auditTrail) == .forbidden)
            #expect(AccessPolicy.decide(actor, .read, .fieldDefinition) == .allowed)
            #expect(AccessPolicy.decide(actor, .create, .fieldDefinition) == .forbidden)
        }
        #expect(AccessPolicy.decide(Actor(userID: UUID(), role: .admin), .read, .auditTrail) == .allowed)
    }
}
