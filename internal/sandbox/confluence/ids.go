package confluence

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
)

// randomUUID returns a version 4 UUID, the form of Confluence group IDs.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return formatUUID(b, 0x40)
}

// StableUUID derives a version 5 style UUID from a name, so seeds without explicit IDs give the same IDs on
// every start.
func StableUUID(namespace, name string) string {
	sum := sha1.Sum([]byte("csum-sandbox/" + namespace + "/" + name))
	var b [16]byte
	copy(b[:], sum[:16])
	return formatUUID(b, 0x50)
}

func formatUUID(b [16]byte, version byte) string {
	b[6] = b[6]&0x0f | version
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// stableIDs is the store's memory when it assigns stable IDs: how many objects of each identity it has
// numbered, so that an object made again after a delete gets a new ID.
type stableIDs struct {
	uses map[string]int
}

// next returns the number of the next object of identity, 0 first.
func (st *stableIDs) next(identity string) int {
	n := st.uses[identity]
	st.uses[identity]++
	return n
}

// UseStableIDs makes every ID the store assigns from now on derive from what it identifies, never from
// chance or from the order of creation: a group's from its name and how many groups of that name came
// before it, a grant's from its space, subject and permission likewise; and it gives the SYSTEM roles IDs
// derived from their names (their assignments follow). Two runs that make the same changes in any order
// then assign the same IDs, which a randomized test that keys faults by request content needs in order to
// replay. Cloud assigns random UUIDs and increasing numbers; no client may rely on either.
func (s *Store) UseStableIDs() error {
	ids := map[string]string{}
	for _, r := range s.SpaceRoles() {
		if r.Type == RoleTypeSystem {
			ids[r.Name] = StableUUID("role", r.Name)
		}
	}
	if err := s.RestoreSystemRoleIDs(ids); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &stableIDs{uses: map[string]int{}}
	s.stable = st
	s.newGroupID = func(name string) string {
		return StableUUID("group", fmt.Sprintf("%s#%d", name, st.next("group "+name)))
	}
	return nil
}

// newPermissionIDLocked numbers a new grant in a space: the next number in order, or with stable IDs a
// number derived from the grant, moved on past any ID in use.
func (s *Store) newPermissionIDLocked(spaceKey string, p SpacePermission) int64 {
	if s.stable == nil {
		return s.nextPermID
	}
	identity := fmt.Sprintf("permission %s %s:%s %s", spaceKey, p.SubjectType, p.SubjectID, p.Pair())
	sum := sha1.Sum(fmt.Appendf(nil, "%s#%d", identity, s.stable.next(identity)))
	id := firstPermissionID + int64(binary.BigEndian.Uint64(sum[:8])%(1<<40))
	for s.permissionIDTakenLocked(id) {
		id++
	}
	return id
}

func (s *Store) permissionIDTakenLocked(id int64) bool {
	for _, sp := range s.spaces {
		for _, q := range sp.perms {
			if q.ID == id {
				return true
			}
		}
	}
	return false
}
