package dev.attune.tuner.report.jmx;

import java.lang.reflect.Method;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.StandardMBean;

/**
 * An MXBean whose type and attributes carry the {@link Description}s written on its interface, so
 * JConsole, VisualVM and JMC show what each figure means and in which unit.
 */
class DescribedMXBean<T> extends StandardMBean {

    private final Class<T> type;

    DescribedMXBean(T implementation, Class<T> type) {
        super(implementation, type, true);
        this.type = type;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        for (String prefix : new String[] {"get", "is"}) {
            try {
                Method getter = type.getMethod(prefix + info.getName());
                Description d = getter.getAnnotation(Description.class);
                if (d != null) {
                    return d.value();
                }
            } catch (NoSuchMethodException e) {
                // try the other getter prefix
            }
        }
        return super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        for (Method m : type.getMethods()) {
            Description d = m.getAnnotation(Description.class);
            if (d != null && m.getName().equals(info.getName())) {
                return d.value();
            }
        }
        return super.getDescription(info);
    }
}
