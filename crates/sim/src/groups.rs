//! An account's groups as they are now: the generated ones, then renamed or deleted through the
//! control API. Tickets and chats keep their group slot whatever happens to the group; what
//! changes is the name the APIs show and whether the group is still listed.

use std::sync::RwLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    pub name: String,
    pub deleted: bool,
    /// When the control API last renamed the group (seconds).
    pub renamed_at: Option<i64>,
    /// When the control API deleted the group; `None` for groups deleted before the anchor
    /// (and for groups never deleted).
    pub deleted_at: Option<i64>,
}

#[derive(Debug)]
pub struct Groups {
    slots: RwLock<Vec<GroupInfo>>,
}

impl Groups {
    /// Slots `0..active` exist; the others were deleted before the anchor.
    pub fn new(names: &[&str], active: usize) -> Groups {
        let slots = names
            .iter()
            .enumerate()
            .map(|(slot, name)| GroupInfo {
                name: name.to_string(),
                deleted: slot >= active,
                renamed_at: None,
                deleted_at: None,
            })
            .collect();
        Groups {
            slots: RwLock::new(slots),
        }
    }

    pub fn len(&self) -> usize {
        self.slots.read().expect("groups lock").len()
    }

    pub fn get(&self, slot: usize) -> GroupInfo {
        self.slots.read().expect("groups lock")[slot].clone()
    }

    pub fn name(&self, slot: usize) -> String {
        self.slots.read().expect("groups lock")[slot].name.clone()
    }

    pub fn is_deleted(&self, slot: usize) -> bool {
        self.slots.read().expect("groups lock")[slot].deleted
    }

    /// Every group, deleted ones included, by slot.
    pub fn all(&self) -> Vec<GroupInfo> {
        self.slots.read().expect("groups lock").clone()
    }

    /// The slots of the groups that exist, in slot order (what the group lists show).
    pub fn active(&self) -> Vec<usize> {
        let slots = self.slots.read().expect("groups lock");
        (0..slots.len()).filter(|s| !slots[*s].deleted).collect()
    }

    pub fn rename(&self, slot: usize, name: &str, at: i64) {
        let mut slots = self.slots.write().expect("groups lock");
        slots[slot].name = name.to_string();
        slots[slot].renamed_at = Some(at);
    }

    /// Deletes the group (or brings it back).
    pub fn set_deleted(&self, slot: usize, deleted: bool, at: i64) {
        let mut slots = self.slots.write().expect("groups lock");
        let g = &mut slots[slot];
        if g.deleted != deleted {
            g.deleted = deleted;
            g.deleted_at = deleted.then_some(at);
        }
    }
}
