package dev.attune.instrumentation.advice;

import dev.attune.instrumentation.encode.MethodIds;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Resolves {@link MethodId} at transform time: each instrumented method gets its id from the registry,
 * and the advice receives it as an int constant in the bytecode, so the timed path does no lookup.
 */
final class MethodIdBinding implements Advice.OffsetMapping.Factory<MethodId> {

    private final MethodIds ids;

    MethodIdBinding(MethodIds ids) {
        this.ids = ids;
    }

    @Override
    public Class<MethodId> getAnnotationType() {
        return MethodId.class;
    }

    @Override
    public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                     AnnotationDescription.Loadable<MethodId> annotation,
                                     AdviceType adviceType) {
        return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) -> {
            int id = ids.idFor(instrumentedType.getName() + "#" + instrumentedMethod.getName());
            return new Advice.OffsetMapping.Target.ForStackManipulation(IntegerConstant.forValue(id));
        };
    }
}
