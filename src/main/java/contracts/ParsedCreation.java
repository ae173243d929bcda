package contracts;

import codec.actors.ActorType;
import codec.actors.Creation;
import pipeline.NewContract;

/**
 * A {@code new_contract} record checked and decoded: the payload as published, the creating actor
 * (EAM or Init), and the creation read from the call's own params and return.
 */
record ParsedCreation(NewContract payload, ActorType creator, Creation creation, long deployerId) {

    /** An Init Exec4 called by the EAM: the EAM record of the same message describes this actor. */
    boolean isEamsInitCall() {
        return creator == ActorType.INIT && "Exec4".equals(creation.method())
                && deployerId == codec.address.Address.EAM_NAMESPACE;
    }
}
